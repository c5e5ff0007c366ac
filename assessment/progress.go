package assessment

import "hatcheck/questions"

// Progress compares two results of the same person: how each track and
// each competency moved since last time.
type Progress struct {
	Tracks       []Change `json:"tracks"`
	Competencies []Change `json:"competencies"`
}

// Change is one number before and after. A nil side was not scored (not
// enough answers, or not rated); Delta is set only when both sides are.
type Change struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Before *Score `json:"before"`
	After  *Score `json:"after"`
	Delta  *Score `json:"delta"`
}

// Compare lists the changes from before to after, tracks in the canonical
// order and competencies in the bank's order.
func Compare(before, after *Result) Progress {
	p := Progress{Tracks: []Change{}, Competencies: []Change{}}
	fits := func(r *Result) map[string]TrackScore {
		m := map[string]TrackScore{}
		for _, t := range r.Tracks {
			m[t.ID] = t
		}
		return m
	}
	b, a := fits(before), fits(after)
	for _, id := range trackOrder(after) {
		p.Tracks = append(p.Tracks, change(id, a[id].Name, b[id].Fit, a[id].Fit))
	}
	levels := map[string]*Score{}
	for _, c := range before.Competencies {
		levels[c.ID] = c.Level
	}
	for _, c := range after.Competencies {
		p.Competencies = append(p.Competencies, change(c.ID, c.Name, levels[c.ID], c.Level))
	}
	return p
}

func change(id, name string, before, after *Score) Change {
	c := Change{ID: id, Name: name, Before: before, After: after}
	if before != nil && after != nil {
		c.Delta = scorePtr(float64(*after - *before))
	}
	return c
}

// trackOrder is the canonical track order, whatever order a result sorted
// its tracks in.
func trackOrder(r *Result) []string {
	var out []string
	for _, id := range questions.TrackIDs {
		for _, t := range r.Tracks {
			if t.ID == id {
				out = append(out, id)
			}
		}
	}
	return out
}
