package eval

import (
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/cluster"
)

func profile(id, text string) cluster.Profile {
	return cluster.Profile{ID: id, Body: strings.Fields(text)}
}

// The baseline joins an article to the cluster that shares its words and
// opens one for an article that shares none; the threshold it chooses
// on labelled documents separates them.
func TestTFIDFBaseline(t *testing.T) {
	docs := []cluster.Profile{
		profile("a1", "flood river town rain rescue homes"),
		profile("b1", "election vote senate campaign ballot"),
		profile("a2", "river flood rescue teams homes water"),
		profile("b2", "senate vote ballot count election"),
		profile("c1", "football final goal stadium"),
	}
	labels := []string{"a", "b", "a", "b", "c"}
	tf := newTFIDF(docs)
	got := singlePass(docs, tf, 0.3)
	if got[0] != got[2] || got[1] != got[3] || got[0] == got[1] || got[4] == got[0] || got[4] == got[1] {
		t.Errorf("clusters %v", got)
	}
	th := chooseBaseline(docs, labels, tf)
	gold := map[string]string{}
	for i, d := range docs {
		gold[d.ID] = labels[i]
	}
	if s := ScoreClusters(gold, labelled(docs, singlePass(docs, tf, th))); s.PairF1 != 1 || s.B3F1 != 1 {
		t.Errorf("threshold %.3f scores %+v", th, s)
	}
	if all := singlePass(docs, tf, 0); all[0] != all[1] {
		t.Errorf("threshold 0 kept articles apart: %v", all)
	}
}
