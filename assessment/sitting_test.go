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

func TestSittingListsWhatIsNotAnswered(t *testing.T) {
	e := testEngine(t)
	a := &Answers{Items: map[string]Answer{}}
	s := NewSitting(e.Bank, nil)
	for i, it := range s.Core {
		if i == 3 {
			a.Skipped = append(a.Skipped, it.ID)
		} else if i != 7 {
			a.Items[it.ID] = Answer{Value: 2}
		}
	}
	s = NewSitting(e.Bank, a)
	missing := s.NotAnswered()
	if len(missing) != 2 || missing[0] != s.Core[3] || missing[1] != s.Core[7] {
		t.Fatalf("not answered: %v", missing)
	}
	if s.State(s.Core[3].ID) != StateSkipped || s.State(s.Core[7].ID) != StateUnseen || s.State(s.Core[0].ID) != StateAnswered {
		t.Error("states")
	}
	if s.PageOf(s.Core[7].ID) != 7 || s.PageOf(s.Audit[1].ID) != len(s.Core)+2 {
		t.Error("pages")
	}
	s.Pos = len(s.Core)
	if !s.IsLast() {
		t.Error("the audit offer, declined, is the last page")
	}
	s.WithAudit = true
	if s.IsLast() || len(s.Pages()) != len(s.Core)+len(s.Audit) {
		t.Error("with the audit accepted, the offer is not the last page")
	}
	s.Pos = len(s.Core) + len(s.Audit)
	if !s.IsLast() {
		t.Error("the last audit task is the last page")
	}
}
