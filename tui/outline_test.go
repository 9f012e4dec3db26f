package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// annualModel opens township-annual on a copy of its example answers.
func annualModel(t *testing.T, w, h int) *Model {
	t.Helper()
	return newModel(t, Options{Template: "township-annual", AnswersPath: copyAnswersOf(t, "township-annual")}, w, h)
}

// listText is the outline's column of the screen.
func listText(m *Model) string {
	var out []string
	for _, l := range strings.Split(screenText(m), "\n") {
		out = append(out, ansi.Cut(l, 0, formOf(m).layout.sw))
	}
	return strings.Join(out, "\n")
}

// TestOutlineAnnual: township-annual's one first-level part holds the
// report's work under （一）（二）…; the outline shows them, PgDn goes
// from one to the next, Alt+→ and Alt+← go into a node and back up.
func TestOutlineAnnual(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		m := annualModel(t, size[0], size[1])
		f := formOf(m)
		list := listText(m)
		for _, want := range []string{"-一、年度总结", "+（一）党建", "+（二）经济发展", "+（三）安全生产", "二、存在问题"} {
			if !strings.Contains(list, want) {
				t.Errorf("%v: the outline lacks %q:\n%s", size, want, list)
			}
		}
		node := func(id string) *node { return f.tree.byPart[id] }
		press(m, "pgdown")
		if f.cur != node("党建") {
			t.Fatalf("%v: PgDn from 基本信息 went to %s", size, f.cur.name(m.s))
		}
		press(m, "pgdown")
		if f.cur != node("经济发展") || !strings.Contains(listText(m), ">  +（二）经济发展") {
			t.Fatalf("%v: PgDn from the first （一） went to %s:\n%s", size, f.cur.name(m.s), listText(m))
		}
		// the page is the part's: its heading, its fields
		if scr := screenText(m); !strings.Contains(scr, "（二）坚持项目为王，着力推动经济稳中向好") || !strings.Contains(scr, "一、年度总结 ›") {
			t.Errorf("%v: the page of （二）:\n%s", size, scr)
		}
		press(m, "pgup")
		if f.cur != node("党建") {
			t.Fatalf("%v: PgUp went to %s", size, f.cur.name(m.s))
		}
		// into 党建's own parts and back
		press(m, "alt+right")
		if f.cur != node("党建.组织建设") || !strings.Contains(listText(m), "-（一）党建") {
			t.Fatalf("%v: Alt+→ went to %s:\n%s", size, f.cur.name(m.s), listText(m))
		}
		press(m, "pgdown")
		if f.cur != node("党建.党员队伍") {
			t.Errorf("%v: PgDn among 党建's parts went to %s", size, f.cur.name(m.s))
		}
		press(m, "alt+left")
		if f.cur != node("党建") || f.folds[f.cur] {
			t.Fatalf("%v: Alt+← went to %s", size, f.cur.name(m.s))
		}
		// up to 一、, folding its parts away: its page holds them all
		press(m, "alt+left")
		if f.cur != node("年度总结") || strings.Contains(listText(m), "（二）经济发展") {
			t.Fatalf("%v: Alt+← to the top: %s\n%s", size, f.cur.name(m.s), listText(m))
		}
		if _, ok := f.byField["纪检立案"]; !ok || !f.cur.holds(f.byField["纪检立案"].field.Part) {
			t.Errorf("%v: the folded 一、 does not hold its parts' fields", size)
		}
		press(m, "pgdown")
		if f.cur != node("存在问题") {
			t.Errorf("%v: PgDn from the folded 一、 went to %s", size, f.cur.name(m.s))
		}
		// 工作计划 shows its parts but has a field of its own: PgDn stops
		// there, and its page holds only its own
		press(m, "pgdown", "pgdown")
		if f.cur != node("工作计划") || f.focused().field.ID != "计划总体思路" {
			t.Fatalf("%v: PgDn past 意见建议 went to %s", size, f.cur.name(m.s))
		}
		for _, w := range f.widgets {
			if w.field != nil && w.field.ID == "党建计划" {
				t.Errorf("%v: 工作计划's page holds its parts' fields though they have their own pages", size)
			}
		}
		press(m, "pgdown")
		if f.cur != node("计划.党建") {
			t.Errorf("%v: PgDn from 工作计划 went to %s", size, f.cur.name(m.s))
		}
		for i, l := range strings.Split(screenText(m), "\n") {
			if w := strWidth(l); w > size[0] {
				t.Errorf("%v: line %d is %d cells wide", size, i, w)
			}
		}
	}
}

// TestFindPathAndPreviewFollows: Ctrl+F names each field's place in the
// outline; after Enter the form and the preview are at once on the part
// of the field, not on the part the clerk came from.
func TestFindPathAndPreviewFollows(t *testing.T) {
	m := annualModel(t, 120, 40)
	f := formOf(m)
	press(m, "pgdown") // （一）党建
	dangjian := render.HeadingText(m.s.vs, f.tree.byPart["党建"].kids[0].part)
	if !strings.Contains(previewText(m), dangjian) {
		t.Fatalf("党建's preview lacks %s:\n%s", dangjian, screenText(m))
	}
	// a figure in the draft in the last of 民生保障's parts that has one
	var target *schema.Field
	for _, n := range f.tree.byPart["民生保障"].kids {
		for _, fl := range n.part.AllFields() {
			if !fl.Computed() && m.s.vs.Value(fl.ID).State == schema.Set && inDraft(m.s.vs, fl.Part, map[*schema.Part]bool{}) {
				target = fl
			}
		}
	}
	if target == nil {
		t.Fatal("no figure of 民生保障 in the example's draft")
	}
	press(m, "ctrl+f")
	typeText(m, target.ID)
	p := onTop[*findPage](m)
	for p.sel < len(p.hits)-1 && p.hits[p.sel].id != target.ID {
		press(m, "down")
	}
	h := p.hits[p.sel]
	node := f.tree.of(target.Part)
	if want := node.path(m.s); h.id != target.ID || h.path != want || !strings.HasPrefix(want, "一、年度总结 › （八）民生保障 › ") || !strings.Contains(screenText(m), want) {
		t.Errorf("the hit %s's path: %q, want %q:\n%s", h.id, h.path, want, screenText(m))
	}
	press(m, "enter")
	if f.cur != f.folds.showing(node) || f.focused().field != target {
		t.Fatalf("the jump went to %s, widget %+v", f.cur.name(m.s), f.focused())
	}
	// the preview right away, before any key: the part of the field, in view
	pv := previewText(m)
	if want := render.HeadingText(m.s.vs, node.part); !strings.Contains(pv, want) || strings.Contains(pv, dangjian) {
		t.Errorf("the preview after the jump lacks %s:\n%s", want, pv)
	}
}

// previewText is the preview's column, its lines joined without spaces.
func previewText(m *Model) string {
	f := formOf(m)
	var b strings.Builder
	for _, l := range strings.Split(screenText(m), "\n") {
		b.WriteString(ansi.Cut(l, f.layout.sw+f.layout.fw+2, 1<<20))
	}
	return strings.ReplaceAll(b.String(), " ", "")
}

// The outline of every built-in template at the smallest size: every
// node has a row, none wider than the screen.
func TestOutlineEveryBuiltin(t *testing.T) {
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range set.Entries() {
		m := newModel(t, Options{Set: set, Template: e.ID, AnswersPath: filepath.Join(t.TempDir(), "a.yaml")}, 80, 20)
		f := formOf(m)
		for n := f.cur; n != nil; n = f.folds.step(f.tree, n, 1) {
			f.setNode(n, true)
			list := listText(m)
			if !strings.Contains(list, "> ") {
				t.Errorf("%s: %s not marked in the outline:\n%s", e.ID, n.name(m.s), list)
			}
			for i, l := range strings.Split(screenText(m), "\n") {
				if w := strWidth(l); w > 80 {
					t.Errorf("%s, %s: line %d is %d cells wide", e.ID, n.name(m.s), i, w)
				}
			}
		}
	}
}
