package collect

import (
	"fmt"
	"io"
	"strings"

	"github.com/clipperhouse/displaywidth"

	"github.com/nigao/nigao/schema"
)

// Show is a value as the table shows it: with its unit, a list's items
// joined, long text cut.
func Show(f *schema.Field, r schema.Raw) string {
	if r.IsList {
		return cut(strings.Join(r.List, "；"), 30)
	}
	s := strings.Join(strings.Fields(r.Text), " ")
	if f != nil && f.Type.Numeric() && f.Unit != "" && s != schema.NotApplicable && s != "" {
		s += f.Unit
	}
	return cut(s, 30)
}

// cut shortens s to about width columns.
func cut(s string, width int) string {
	if displaywidth.String(s) <= width {
		return s
	}
	w := 0
	for i, r := range s {
		w += displaywidth.Rune(r)
		if w > width-1 {
			return s[:i] + "…"
		}
	}
	return s
}

// Lines are the rows of the merge table: status, item, value, where from.
func (r *Result) Lines(overwrite bool) [][4]string {
	var out [][4]string
	for _, c := range r.Changes {
		label := "（插入的行）"
		if c.Field != nil {
			label = c.Field.Label
		}
		var value, from string
		switch c.Status {
		case New, Same:
			value, from = Show(c.Field, c.New), origins(c.From)
		case Changed:
			value, from = Show(c.Field, c.Old)+" → "+Show(c.Field, c.New), origins(c.From)
			if !overwrite {
				from += "（已有值，未改）"
			}
		case Conflict:
			var vs []string
			for i, v := range c.Values {
				vs = append(vs, c.From[i].Office+" "+Show(c.Field, v))
			}
			value, from = strings.Join(vs, "；"), origins(c.From)+"（不一致，都未采用）"
		case Invalid:
			// as written, without the unit: 五次, not 五次次
			value, from = Show(nil, c.New), origins(c.From)+"："+c.Why
		}
		out = append(out, [4]string{c.Status.String(), label, value, from})
	}
	return out
}

func origins(os []Origin) string {
	var out []string
	for _, o := range os {
		out = append(out, o.String())
	}
	return strings.Join(out, "、")
}

// WriteTable writes the merge table, its columns lined up, then the
// notes.
func (r *Result) WriteTable(w io.Writer, overwrite bool) error {
	lines := r.Lines(overwrite)
	var width [3]int
	for _, l := range lines {
		for i := range width {
			width[i] = max(width[i], displaywidth.String(l[i]))
		}
	}
	var b strings.Builder
	for _, l := range lines {
		for i := range width {
			b.WriteString(l[i])
			b.WriteString(strings.Repeat(" ", width[i]-displaywidth.String(l[i])+2))
		}
		b.WriteString(l[3])
		b.WriteString("\n")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "注意：%s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
