package assessment

import "math"

// AreaLevel is the mean level (0-100) of the rated skills of one competency
// area; Level is nil when none of its skills was rated. Rated says how many
// skills the mean is of.
type AreaLevel struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Level *Score `json:"level"`
	Rated int    `json:"rated"`
}

// areaLevels averages competency levels (by competency ID) per area, in the
// bank's order of areas and competencies. The window's radar, the PDF's and
// the group report's peer pairing all use it.
func (e *Engine) areaLevels(levels map[string]float64) []AreaLevel {
	means := e.areaMeans(levels, nil)
	out := make([]AreaLevel, len(e.Bank.Areas))
	for k, a := range e.Bank.Areas {
		out[k] = AreaLevel{ID: a.ID, Name: e.text(a.Name)}
		if !math.IsNaN(means[k]) {
			out[k].Level = scorePtr(means[k])
		}
		for _, c := range e.Bank.Competencies {
			if _, ok := levels[c.ID]; ok && c.Area == a.ID {
				out[k].Rated++
			}
		}
	}
	return out
}

// areaMeans writes into v (made when nil) the mean of the rated levels of
// each area, in the bank's order of areas; NaN where none was rated.
func (e *Engine) areaMeans(levels map[string]float64, v []float64) []float64 {
	na := len(e.Bank.Areas)
	if v == nil {
		v = make([]float64, na)
	}
	sum, n := make([]float64, na), make([]int, na)
	for _, c := range e.Bank.Competencies {
		if l, ok := levels[c.ID]; ok {
			if k, ok := e.areaIndex[c.Area]; ok {
				sum[k] += l
				n[k]++
			}
		}
	}
	for k := range v {
		if n[k] == 0 {
			v[k] = math.NaN()
		} else {
			v[k] = sum[k] / float64(n[k])
		}
	}
	return v
}
