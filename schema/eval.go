package schema

import (
	"fmt"
	"maps"
	"math"
	"strconv"
)

// Values are a template's answers parsed and computed: what render and
// the wizard read.
type Values struct {
	T *Template
	A *Answers // the answers evaluated (empty ones for none); never nil
	// vals holds every field's value at the position index gives it:
	// a Value is too large for a map to keep inline, and a map of them
	// would allocate each one on its own.
	index map[string]int
	vals  []Value
	env   map[string]any
	// needs lists, for a computed field that cannot be computed yet, the
	// entered fields it is waiting for.
	needs map[string][]string
	Prev  *Values // last period's values, for 同比; may be nil
}

// Evaluate parses every answer of a (nil: none) and computes the
// computed fields. A field without an answer takes its default; 单位类型
// takes the type the unit's name ends in, if it does. Invalid answers count as missing (their error is in
// the Value).
func (t *Template) Evaluate(a *Answers) *Values {
	if a == nil {
		a = NewAnswers(t)
	}
	vs := &Values{T: t, A: a, index: make(map[string]int, len(t.fields)), vals: make([]Value, len(t.fields)), env: make(map[string]any, len(t.fields)+1)}
	vs.env[budgetKey] = newEvalBudget() // for everything evaluated for this draft
	i := 0
	for id, f := range t.fields {
		slot := i
		vs.index[id] = slot
		i++
		if f.Computed() {
			continue
		}
		r, ok := a.Get(id)
		if !ok && (id == "单位类型" || id == "行政区") {
			// unchosen, it follows the unit's name: 归义乡 is a 乡,
			// 南江县医疗保障局 a 县's department
			if c := t.ImpliedByName(a, id); c != "" {
				r, ok = Raw{Text: c}, true
			}
		}
		if !ok && f.Default != nil {
			r, ok = f.Default.(Raw)
		}
		var v Value
		if ok {
			var err error
			v, err = ParseValue(f, r)
			if err != nil {
				v = Value{State: Invalid, Text: r.Text, Err: err}
			}
		}
		vs.vals[slot] = v
		vs.env[id] = v.EnvValue(f.Type)
	}
	for _, f := range t.order {
		vs.compute(f)
	}
	return vs
}

func (vs *Values) compute(f *Field) {
	var needs []string
	na := false
	var failed error // a computed field it reads could not be computed
	for _, id := range f.Compute.Idents {
		if g := vs.T.fields[id]; g != nil && !g.Computed() {
			switch vs.Value(id).State {
			case Missing, Invalid:
				needs = append(needs, id)
			case NA:
				na = true
			}
		} else if len(vs.needs[id]) > 0 {
			needs = append(needs, vs.needs[id]...)
		} else if v := vs.Value(id); v.State == NA {
			na = true
		} else if v.State == Invalid && failed == nil {
			failed = v.Err
		}
	}
	switch {
	case len(needs) > 0:
		if vs.needs == nil {
			vs.needs = map[string][]string{}
		}
		vs.needs[f.ID] = dedupe(needs)
		vs.set(f.ID, Value{State: Missing})
		vs.env[f.ID] = nil
		return
	case na:
		vs.set(f.ID, Value{State: NA, Text: NotApplicable})
		vs.env[f.ID] = nil
		return
	case failed != nil:
		vs.set(f.ID, Value{State: Invalid, Err: failed})
		vs.env[f.ID] = nil
		return
	}
	out, err := f.Compute.run(vs.env)
	v := Value{State: Set}
	if err == nil {
		switch x := out.(type) {
		case float64:
			if math.IsInf(x, 0) || math.IsNaN(x) {
				err = errRange
			} else {
				v.Num = Quantity{Digits: FormatNumber(x, f.decimals()), Value: x}
				v.Text = v.Num.Digits
			}
		case int:
			v.Num = Quantity{Digits: FormatNumber(float64(x), f.decimals()), Value: float64(x)}
			v.Text = v.Num.Digits
		case bool:
			v.Bool = x
		case string:
			v.Text = x
		case []any:
			for _, it := range x {
				v.List = append(v.List, fmt.Sprint(it))
			}
		case nil:
			v.State = Missing
		default:
			v.Text = fmt.Sprint(x)
		}
	}
	if err != nil {
		v = Value{State: Invalid, Err: err}
	}
	vs.set(f.ID, v)
	vs.env[f.ID] = v.EnvValue(f.Type)
}

// set records a computed value; every field has its place from Evaluate.
func (vs *Values) set(id string, v Value) {
	if i, ok := vs.index[id]; ok {
		vs.vals[i] = v
	}
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// decimals is how many decimals a computed number shows by default.
func (f *Field) decimals() int {
	if f.Decimals != nil {
		return *f.Decimals
	}
	switch f.Type {
	case Integer, Year:
		return 0
	case Percent:
		return -1 // up to 1, trailing zeros trimmed
	}
	return -2 // up to 2, trailing zeros trimmed
}

// FormatNumber writes x with d fixed decimals, or, for negative d, up to
// -d decimals with trailing zeros trimmed. No thousands separators:
// Chinese reports write 12345.
func FormatNumber(x float64, d int) string {
	if d >= 0 {
		return fmtFixed(x, d)
	}
	s := fmtFixed(x, -d)
	for len(s) > 0 && s[len(s)-1] == '0' && containsDot(s) {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

func fmtFixed(x float64, d int) string {
	var s string
	if math.IsInf(x, 0) || math.IsNaN(x) {
		s = fmt.Sprintf("%.*f", d, x) // fmt writes Inf, strconv +Inf
	} else {
		s = strconv.FormatFloat(x, 'f', d, 64)
	}
	if s == "-0" || (len(s) > 1 && s[0] == '-' && allZero(s[1:])) {
		s = s[1:]
	}
	return s
}

func allZero(s string) bool {
	for _, r := range s {
		if r != '0' && r != '.' {
			return false
		}
	}
	return true
}

func containsDot(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return false
}

// Value returns a field's parsed or computed value.
func (vs *Values) Value(id string) Value {
	if i, ok := vs.index[id]; ok {
		return vs.vals[i]
	}
	return Value{}
}

// Needs returns, for a computed field waiting on answers, the entered
// fields it waits for.
func (vs *Values) Needs(id string) []string { return vs.needs[id] }

// Env is the map expressions read; callers must not modify it.
func (vs *Values) Env() map[string]any { return vs.env }

// Eval runs an expression over the values. A failure (a missing value)
// is returned as an error.
func (vs *Values) Eval(e *Expr) (any, error) { return e.run(vs.env) }

// Cond evaluates a when: condition. A condition over missing values is
// false: the part or paragraph waits until the figures arrive. One over a
// value that could not be read (一千五百 for a number) is true: what the
// clerk typed must not drop its sentence unseen, so the sentence stays
// with 【待填】 where the value goes, listed with the missing figures. A
// condition that asks only whether figures are there (x != nil, x == nil)
// counts such a value as there: of a sentence for when x is given and
// one for when it is not, only the first is written.
func (vs *Values) Cond(e *Expr) bool {
	if e == nil {
		return true
	}
	for _, id := range e.Idents {
		if f := vs.T.fields[id]; f != nil && !f.Computed() && vs.Value(id).State == Invalid {
			if e.direct == nil {
				return true
			}
			env := maps.Clone(vs.env) // rare: only while a value is unreadable
			for _, id := range e.Idents {
				if vs.Value(id).State == Invalid {
					env[id] = vs.Value(id).Text
				}
			}
			return e.direct(env)
		}
	}
	out, err := e.run(vs.env)
	if err != nil {
		return false
	}
	b, _ := out.(bool)
	return b
}

// Filled counts a part's entered (not computed) fields and how many of
// them have a value or are marked 不适用: the wizard's "7/9".
func (vs *Values) Filled(p *Part) (done, total int) {
	for _, f := range p.Fields {
		if f.Computed() {
			continue
		}
		total++
		if s := vs.Value(f.ID).State; s == Set || s == NA {
			done++
		}
	}
	// walk the nested parts in place rather than copying AllFields
	for _, c := range p.Parts {
		d, t := vs.Filled(c)
		done += d
		total += t
	}
	return done, total
}
