package store

import (
	"errors"
	"os"
	"strings"
	"testing"

	"hatcheck/jobad"
)

func TestJobAdsAreKeptWithTheAttemptAndGoWithIt(t *testing.T) {
	s, _ := openTemp(t)
	e := testEngine(t)
	data, err := os.ReadFile("../examples/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	im, err := s.Import(data, e, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ad := "Community Manager\n- Moderate the Discord server\n- Welcome new members and answer questions\n- Run monthly events\n- Write and schedule posts in Canva"
	if _, err := s.SaveJobAd(im.AttemptID, "cm.txt", ad, "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveJobAd(im.AttemptID, "x", "  ", "1"); !errors.Is(err, jobad.ErrEmpty) {
		t.Errorf("an empty ad: %v", err)
	}
	if _, err := s.SaveJobAd(im.AttemptID, "x", strings.Repeat("a", jobad.MaxBytes+1), "1"); !errors.Is(err, jobad.ErrTooLarge) {
		t.Errorf("a huge ad: %v", err)
	}
	if _, err := s.SaveJobAd(99999, "x", ad, "1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("no such attempt: %v", err)
	}
	ap, err := s.PlanFor(im.AttemptID, e, "")
	if err != nil {
		t.Fatal(err)
	}
	checks, err := s.JobAdChecks(im.AttemptID, e, jobad.Person{Answers: ap.Answers, Result: ap.Result, Saved: &ap.Personal.Choice})
	if err != nil || len(checks) != 1 {
		t.Fatalf("%d checks: %v", len(checks), err)
	}
	c := checks[0]
	if c.Name != "cm.txt" || c.Result.Primary != "community-manager" || c.Result.Against == nil {
		t.Errorf("check %+v", c)
	}
	p, _ := s.Profile(ap.Attempt.ProfileID)
	if err := s.DeleteProfile(p.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM job_ads`).Scan(&n)
	if n != 0 {
		t.Errorf("%d job ads outlived their profile", n)
	}
}
