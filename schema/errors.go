// Package schema defines nigao's template and answers formats: Go types,
// YAML loading with file:line:col errors, validation, field values with the
// qualifiers clerks write (近300, 约1.2万), computed fields and conditions.
package schema

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a source file; Line and Col are 1-based, Col counts
// characters (not bytes), as editors do.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// An Error is one problem found in a template or answers file.
type Error struct {
	Pos Pos
	Msg string
}

// Error quotes what the file holds; characters that would act on the
// terminal or reorder the line are shown as <U+XXXX>.
func (e *Error) Error() string { return Visible(e.Pos.String() + ": " + e.Msg) }

// ErrorList collects every problem in a file, so a clerk fixes them in one go.
type ErrorList []*Error

// maxErrorsShown bounds the problems written out: a file that is wrong
// throughout (500 bad sentences) needs its first ones fixed, not a
// thousand lines.
const maxErrorsShown = 50

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == maxErrorsShown {
			fmt.Fprintf(&b, "\n……另有 %d 处问题没有列出，先改好上面的再看", len(l)-i)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

func (l *ErrorList) add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// sorted orders errors by file and position and drops exact repeats.
func (l ErrorList) sorted() ErrorList {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	out := l[:0]
	for i, e := range l {
		if i > 0 && e.Pos == l[i-1].Pos && e.Msg == l[i-1].Msg {
			continue
		}
		out = append(out, e)
	}
	return out
}

// Err returns nil for an empty list, so callers can return it directly.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.sorted()
}
