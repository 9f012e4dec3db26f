package render

import "github.com/nigao/nigao/schema"

// BuildPart renders one top-level part exactly as Build would place
// it in the draft, numbered as the n-th included section (1-based). It
// returns the part's paragraphs (none when the part is not included) and
// the figures missing in it. The wizard re-renders only the section being
// typed into on each keystroke, and the whole draft when the clerk leaves
// a field.
func BuildPart(vs *schema.Values, p *schema.Part, n int) ([]Para, []Missing) {
	b := newBuilder(vs)
	if !b.included(p) {
		return nil, nil
	}
	b.parts([]*schema.Part{p})
	if p.Level == 1 {
		for i := range b.doc.Paras {
			if b.doc.Paras[i].Level == 1 && b.doc.Paras[i].Part == p.ID {
				b.doc.Paras[i].Number = Number(1, n)
			}
		}
	}
	return b.doc.Paras, b.doc.Missing
}
