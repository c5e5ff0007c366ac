package assessment

import "hatcheck/questions"

// Sitting is an attempt in progress: the pages in order (the core items,
// then the offer of the current-work audit, then the audit items), which
// items are answered, skipped or not yet seen, and the page the person is
// on. It holds no Fyne: the window shows it, the store feeds it.
type Sitting struct {
	Core, Audit []*questions.Item
	// WithAudit is set once the person accepts the audit.
	WithAudit bool
	// Pos is the page: 0..len(Core)-1 the core items, len(Core) the audit
	// offer, then the audit items.
	Pos int
	// seen holds every item answered (the answer) or skipped (nil).
	seen map[string]*Answer
}

// NewSitting arranges the bank's pages and places the person at the first
// item neither answered nor skipped: where an interrupted attempt resumes.
// An attempt that already holds audit answers has accepted the audit.
func NewSitting(bank *questions.Bank, a *Answers) *Sitting {
	s := &Sitting{seen: map[string]*Answer{}}
	for i := range bank.Items {
		it := &bank.Items[i]
		if it.Core() {
			s.Core = append(s.Core, it)
		} else {
			s.Audit = append(s.Audit, it)
		}
	}
	if a != nil {
		for id, ans := range a.Items {
			ans := ans
			s.seen[id] = &ans
		}
		for _, id := range a.Skipped {
			s.seen[id] = nil
		}
	}
	s.Pos = s.resume()
	return s
}

func (s *Sitting) resume() int {
	for i, it := range s.Core {
		if _, ok := s.seen[it.ID]; !ok {
			return i
		}
	}
	for i, it := range s.Audit {
		if _, ok := s.seen[it.ID]; ok {
			s.WithAudit = true
		} else if s.WithAudit {
			return len(s.Core) + 1 + i
		}
	}
	return len(s.Core)
}

// Item is the item on the current page, or nil on the audit offer.
func (s *Sitting) Item() *questions.Item {
	switch {
	case s.Pos < len(s.Core):
		return s.Core[s.Pos]
	case s.Pos > len(s.Core) && s.Pos-len(s.Core)-1 < len(s.Audit):
		return s.Audit[s.Pos-len(s.Core)-1]
	}
	return nil
}

// Total is how many questions the person will see: the core items, and the
// audit once accepted.
func (s *Sitting) Total() int {
	if s.WithAudit {
		return len(s.Core) + len(s.Audit)
	}
	return len(s.Core)
}

// Number is the 1-based number of the question on the page, counting the
// audit items after the core ones.
func (s *Sitting) Number() int {
	if s.Pos <= len(s.Core) {
		return min(s.Pos+1, len(s.Core))
	}
	return s.Pos
}

// Done is how many questions lie behind the page (for the progress bar and
// the time left).
func (s *Sitting) Done() int {
	if s.Item() == nil {
		return len(s.Core)
	}
	return s.Number() - 1
}

// Answer returns what the item holds: its answer, nil when skipped, and
// whether it was seen at all.
func (s *Sitting) Answer(id string) (a *Answer, seen bool) {
	a, seen = s.seen[id]
	return a, seen
}

// Record keeps an answer given (nil: the item was skipped).
func (s *Sitting) Record(id string, a *Answer) { s.seen[id] = a }

// Forward moves to the next page; finished is true when there is none (the
// last item, or the audit offer declined).
func (s *Sitting) Forward() (finished bool) {
	s.Pos++
	return s.Pos >= len(s.Core)+1+len(s.Audit) || (s.Pos > len(s.Core) && !s.WithAudit)
}

// Back moves to the page before; false on the first page.
func (s *Sitting) Back() bool {
	if s.Pos == 0 {
		return false
	}
	s.Pos--
	return true
}

// ItemState is what an item holds in a sitting.
type ItemState int

// Item states.
const (
	StateUnseen ItemState = iota
	StateAnswered
	StateSkipped
)

// State says whether an item is answered, skipped or not yet seen.
func (s *Sitting) State(id string) ItemState {
	a, seen := s.seen[id]
	switch {
	case !seen:
		return StateUnseen
	case a == nil:
		return StateSkipped
	}
	return StateAnswered
}

// Pages lists the items in page order, the audit's only once it is
// accepted; the audit offer, which is not an item, is left out.
func (s *Sitting) Pages() []*questions.Item {
	out := append([]*questions.Item{}, s.Core...)
	if s.WithAudit {
		out = append(out, s.Audit...)
	}
	return out
}

// PageOf is the page an item is on (-1 when it has none).
func (s *Sitting) PageOf(id string) int {
	for i, it := range s.Core {
		if it.ID == id {
			return i
		}
	}
	for i, it := range s.Audit {
		if it.ID == id {
			return len(s.Core) + 1 + i
		}
	}
	return -1
}

// NotAnswered lists the pages' items that are skipped or not yet seen, in
// page order: what a review before the results shows.
func (s *Sitting) NotAnswered() []*questions.Item {
	var out []*questions.Item
	for _, it := range s.Pages() {
		if s.State(it.ID) != StateAnswered {
			out = append(out, it)
		}
	}
	return out
}

// IsLast reports whether the page shown is the last one: moving on from it
// finishes the attempt.
func (s *Sitting) IsLast() bool {
	if s.Pos == len(s.Core) { // the audit offer: last unless accepted
		return !s.WithAudit
	}
	return s.Pos == len(s.Core)+len(s.Audit)
}
