package schema

import (
	"errors"
)

// checkBudget runs every expression of t once with the template's own
// defaults, each with a budget of its own, and reports those that run
// out of it: reduce(1..60, #acc + #acc, "a") does whatever the answers
// say, and so does a loop over a default list. Such a template is refused
// where it is loaded (nigao lint, render, the wizard's picker), with the
// line, instead of stopping every draft made from it.
//
// An expression is run once however often the template repeats it (items
// aliased into many places share their slots), and the whole check stops
// after maxCheckSteps: a hostile file of many costly expressions is then
// checked in part, and what it leaves unchecked is still bounded by the
// budget of each draft.
func (l *loader) checkBudget(t *Template) {
	vs := t.Evaluate(nil)
	type key struct {
		pos Pos
		src string
	}
	seen := map[key]bool{}
	spent := 0
	t.eachExpr(func(e *Expr) {
		k := key{e.Pos, e.Src}
		if e.prog == nil || seen[k] || spent > maxCheckSteps {
			return // a slot naming one field runs nothing; a repeat was checked
		}
		seen[k] = true
		b := newEvalBudget()
		vs.env[budgetKey] = b
		_, err := e.run(vs.env)
		spent += maxSteps - b.steps
		if errors.Is(err, errBudget) {
			l.errs.add(e.Pos, "%s：用模板自己的默认值计算就超出了上限", Reason(err))
		}
	})
}

// maxCheckSteps bounds checkBudget: a few drafts' worth of work.
const maxCheckSteps = 4 * maxSteps

// eachExpr calls fn with every expression of t: computed fields,
// conditions, and slots in prose.
func (t *Template) eachExpr(fn func(*Expr)) {
	prose := func(p Prose) {
		for _, s := range p.Segs {
			if s.Slot != nil && s.Slot.Expr != nil {
				fn(s.Slot.Expr)
			}
		}
	}
	paras := func(ps []*Paragraph) {
		for _, p := range ps {
			if p.When != nil {
				fn(p.When)
			}
			prose(p.Text)
		}
	}
	for _, f := range t.order {
		fn(f.Compute)
	}
	prose(t.Title)
	prose(t.Signature.Unit)
	prose(t.Signature.Date)
	paras(t.Opening)
	paras(t.Closing)
	var parts func([]*Part)
	parts = func(ps []*Part) {
		for _, p := range ps {
			for _, h := range p.Headings {
				prose(h)
			}
			if p.When != nil {
				fn(p.When)
			}
			paras(p.Paragraphs)
			parts(p.Parts)
		}
	}
	parts(t.Sections)
}

// plainEvalError keeps of a failed run only what the list of missing
// figures says (除数为零, 超出范围, 超出计算上限 …), without expr's
// listing of the expression; other failures are returned as they are.
func plainEvalError(err error) error {
	var be *budgetError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &be):
		return be
	case errors.Is(err, errBudget):
		return errBudget
	case errors.Is(err, errDivZero):
		return errDivZero
	case errors.Is(err, errRange):
		return errRange
	}
	return err
}

// BudgetErr says, when evaluating these values (and the draft built from
// them) ran out of its budget, what ran out: some figures were then not
// computed and some conditions taken as false. nil when it did not.
func (vs *Values) BudgetErr() error {
	if b, ok := vs.env[budgetKey].(*evalBudget); ok && b.err != nil {
		return b.err
	}
	return nil
}

// SpendDraft takes n bytes of the draft's text from the budget: a value
// inserted into the prose. Once the draft is over its size, it returns
// the error and the value is left out.
func (vs *Values) SpendDraft(n int) error { return budgetOf(vs.env).write(n) }
