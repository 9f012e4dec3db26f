package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seeds adds every YAML file under dirs to the corpus.
func seeds(f *testing.F, dirs ...string) {
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(d, "*.yaml"))
		for _, p := range files {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
}

// FuzzLoad: no template source makes the loader panic, and every error it
// returns carries a position in the file.
func FuzzLoad(f *testing.F) {
	seeds(f, "../testdata/broken", "../testdata/render", "../templates/builtin")
	f.Add([]byte(miniTemplate))
	lib := NewLibrary()
	if src, err := os.ReadFile("../templates/sections/party.yaml"); err == nil {
		lib.Add("party.yaml", src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		tpl, err := Load("f.yaml", src, lib)
		if err != nil {
			if list, ok := err.(ErrorList); ok {
				for _, e := range list {
					if e.Pos.File != "f.yaml" && e.Pos.File != "party.yaml" {
						t.Fatalf("error without file: %v", e)
					}
				}
			}
			return
		}
		// A template that loads must evaluate with no answers.
		tpl.Evaluate(NewAnswers(tpl))
	})
}

// FuzzLoadAnswers: no answers file panics the loader, and what loads
// saves and loads again with the same values.
func FuzzLoadAnswers(f *testing.F) {
	seeds(f, "../testdata/answers", "../testdata/render")
	f.Add([]byte("values:\n  a: [1, {b: 2}]\n"))
	f.Add([]byte("template: x\nvalues: {a: &x 1, b: *x}\n"))
	f.Add([]byte("previous: 2021.yaml\ndocx_template: 红头.docx\nvalues: {a: 1}\n"))
	tpl, err := Load("mini.yaml", []byte(miniTemplate), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := LoadAnswers("a.yaml", src)
		if err != nil {
			return
		}
		a.Check(tpl)
		tpl.Evaluate(a)
		out, err := a.Encode()
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		b, err := LoadAnswers("b.yaml", out)
		if err != nil {
			t.Fatalf("saved answers do not load: %v\n%s", err, out)
		}
		if a.Previous != b.Previous || a.DocxTemplate != b.DocxTemplate {
			t.Fatalf("previous/docx_template changed on save: %q %q → %q %q\n%s", a.Previous, a.DocxTemplate, b.Previous, b.DocxTemplate, out)
		}
		for _, id := range a.Keys() {
			ra, _ := a.Get(id)
			rb, ok := b.Get(id)
			if !ok || ra.Text != rb.Text || len(ra.List) != len(rb.List) {
				t.Fatalf("%q changed on save: %+v → %+v\n%s", id, ra, rb, out)
			}
		}
	})
}

func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"近300", "约1.2万", "300余", "4000多", "12,345", "３００", "1e5", "-0", "余万", "12480元", "约3亿元", "1e300亿元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// a sum in another unit of money suggests a number the field takes
		if _, err := ParseQuantity(s, "万元"); err != nil {
			if _, fix, ok := strings.Cut(err.Error(), "请填 "); ok {
				fix, _, _ = strings.Cut(fix, "（")
				if _, err := ParseQuantity(fix, "万元"); err != nil {
					t.Fatalf("%q: suggested %q does not parse: %v", s, fix, err)
				}
			}
		}
		q, err := ParseQuantity(s, "家")
		if err != nil {
			return
		}
		// what parsed once parses again to the same value
		q2, err := ParseQuantity(q.String(), "")
		if err != nil || q2.Value != q.Value {
			t.Fatalf("%q → %q → %v, %v", s, q.String(), q2, err)
		}
	})
}
