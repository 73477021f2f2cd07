package server

import (
	"context"

	"github.com/parallax-news/parallax/internal/engine"
	"github.com/parallax-news/parallax/internal/ingest"
)

// queued is the outcome of an article put on the queue for workers.
const queued = "queued"

// run stores what src reads through the engine, or, when the server has
// a queue, puts it on the queue: every article is then listed with the
// outcome "queued", and the workers store, place and report on it.
func (s *Server) run(ctx context.Context, src engine.Source, opt engine.Options) (engine.Result, error) {
	if s.opt.Queue == nil {
		return s.eng.Run(ctx, src, opt)
	}
	var res engine.Result
	var arts []ingest.Article
	err := src(ctx, func(r ingest.Result) error {
		if r.Err != nil {
			res.Failed++
			if opt.OnError != nil {
				opt.OnError(r.Err)
			}
			return nil
		}
		arts = append(arts, r.Article)
		return nil
	})
	if err != nil {
		return res, err
	}
	if err := s.opt.Queue.PublishArticles(ctx, arts); err != nil {
		return res, err
	}
	for _, a := range arts {
		res.IDs = append(res.IDs, a.ID)
		res.Articles = append(res.Articles, engine.Added{ID: a.ID, Outcome: queued})
	}
	return res, nil
}
