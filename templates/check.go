package templates

import (
	"errors"
	"fmt"

	"github.com/nigao/nigao/schema"
)

// CheckedEntries lists the templates as Entries does, with each of the
// clerk's own loaded in full: one that does not load carries its first
// error in Err, so that a list shows it as broken, and where, instead of
// as a template to pick. Built-ins are checked by nigao's own tests.
func (s *Set) CheckedEntries() []Entry {
	out := s.Entries()
	for i, e := range out {
		if e.Builtin {
			continue
		}
		if _, err := s.Load(e.Path); err != nil {
			out[i].Err = FirstError(err)
		}
	}
	return out
}

// FirstError is the first problem of a template that does not load, with
// how many more there are: what fits on one line of a list.
func FirstError(err error) error {
	var list schema.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		if len(list) == 1 {
			return list[0]
		}
		return fmt.Errorf("%w（另有 %d 处错误）", list[0], len(list)-1)
	}
	return err
}
