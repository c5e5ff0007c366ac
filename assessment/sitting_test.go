package assessment

import "testing"

// TestSittingKnowsAnsweredSkippedAndUnseen: an attempt resumes at the first
// item neither answered nor skipped; a skip counts as seen.
func TestSittingKnowsAnsweredSkippedAndUnseen(t *testing.T) {
	e := testEngine(t)
	s := NewSitting(e.Bank, nil)
	if s.Pos != 0 || s.Total() != len(s.Core) || s.Item() != s.Core[0] {
		t.Fatalf("a new attempt starts at %d of %d", s.Pos, s.Total())
	}
	a := &Answers{Items: map[string]Answer{}}
	for i := 0; i < 12; i++ {
		if i == 5 {
			a.Skipped = append(a.Skipped, s.Core[i].ID)
			continue
		}
		a.Items[s.Core[i].ID] = Answer{Value: 3}
	}
	s = NewSitting(e.Bank, a)
	if s.Pos != 12 || s.Number() != 13 || s.Done() != 12 {
		t.Errorf("resumes at page %d (number %d, done %d), want 12", s.Pos, s.Number(), s.Done())
	}
	if ans, seen := s.Answer(s.Core[5].ID); !seen || ans != nil {
		t.Errorf("the skip is %v, seen %v", ans, seen)
	}
	if _, seen := s.Answer(s.Core[20].ID); seen {
		t.Error("an unseen item counts as seen")
	}
	// The audit: accepted by its answers, resumed inside it.
	for _, it := range s.Core {
		a.Items[it.ID] = Answer{Value: 2}
	}
	a.Items[s.Audit[0].ID] = Answer{Hours: 2, Energy: "drains"}
	s = NewSitting(e.Bank, a)
	if !s.WithAudit || s.Pos != len(s.Core)+2 || s.Item() != s.Audit[1] || s.Total() != len(s.Core)+len(s.Audit) {
		t.Errorf("audit resume: page %d, with audit %v", s.Pos, s.WithAudit)
	}
	// Declining the audit finishes at the offer.
	s = NewSitting(e.Bank, &Answers{Items: a.Items})
	delete(a.Items, s.Audit[0].ID)
	s = NewSitting(e.Bank, a)
	if s.Item() != nil || s.Forward() != true {
		t.Error("declining the audit at its offer does not finish")
	}
	if s.Back(); s.Pos != len(s.Core) {
		t.Errorf("back from past the offer: %d", s.Pos)
	}
}
