package cluster

import (
	"math"
	"time"
)

// FeatureNames name the similarities the model weighs, in order.
var FeatureNames = []string{
	"body", "title", "title_body", "people", "both_people", "orgs", "places", "other",
	"nearest_member", "time_near", "time_known", "log_size",
	"main_person_same", "main_person_conflict", "main_org_same", "main_org_conflict",
	"nearest_title", "nearest_people", "nearest_places", "nearest_other",
	"dates", "both_dates",
}

const nFeatures = 22

// features compares an article with a story.
func (c *Clusterer) features(dv *docVecs, s *story) []float64 {
	x := make([]float64, nFeatures)
	x[0] = s.cent[fieldBody].cosine(dv.v[fieldBody])
	x[1] = s.cent[fieldTitle].cosine(dv.v[fieldTitle])
	// Titles are short; the body centroid holds more of a story's words.
	x[2] = s.cent[fieldBody].cosine(dv.v[fieldTitle])
	x[3] = s.cent[fieldPeople].cosine(dv.v[fieldPeople])
	if len(dv.v[fieldPeople]) > 0 && !s.cent[fieldPeople].empty() {
		x[4] = 1
	}
	x[5] = s.cent[fieldOrgs].cosine(dv.v[fieldOrgs])
	x[6] = s.cent[fieldPlaces].cosine(dv.v[fieldPlaces])
	x[7] = s.cent[fieldOther].cosine(dv.v[fieldOther])
	// The nearest member by body, and how it compares on the other fields.
	body := dv.nearBody
	var nearest *member
	for i := range s.members {
		if sim := dot(body, s.members[i][fieldBody]); sim > x[8] || nearest == nil {
			x[8], nearest = sim, &s.members[i]
		}
	}
	if nearest != nil {
		x[16] = dot(dv.v[fieldTitle], nearest[fieldTitle])
		x[17] = dot(dv.v[fieldPeople], nearest[fieldPeople])
		x[18] = dot(dv.v[fieldPlaces], nearest[fieldPlaces])
		x[19] = dot(dv.v[fieldOther], nearest[fieldOther])
	}
	if !dv.time.IsZero() && !s.first.IsZero() {
		x[10] = 1
		gap := time.Duration(0)
		if dv.time.Before(s.first) {
			gap = s.first.Sub(dv.time)
		} else if dv.time.After(s.last) {
			gap = dv.time.Sub(s.last)
		}
		x[9] = math.Exp(-gap.Hours() / 48)
	}
	x[11] = math.Log(1 + float64(s.size))
	x[20] = s.cent[fieldDates].cosine(dv.v[fieldDates])
	if len(dv.v[fieldDates]) > 0 && !s.cent[fieldDates].empty() {
		x[21] = 1
	}
	for k := range dv.main {
		same, conflict := mainAgreement(dv.main[k], s.mains[k])
		x[12+2*k], x[13+2*k] = same, conflict
	}
	return x
}

// mainAgreement compares an article's main person (or organisation) with
// those of a story's members: the share of members with the same one, and
// whether both have one and no member shares the article's.
func mainAgreement(m uint32, mains map[uint32]int) (same, conflict float64) {
	if m == noTerm || len(mains) == 0 {
		return 0, 0
	}
	total := 0
	for _, n := range mains {
		total += n
	}
	if n := mains[m]; n > 0 {
		return float64(n) / float64(total), 0
	}
	return 0, 1
}
