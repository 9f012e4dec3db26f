package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/nigao/nigao/importer"
	"github.com/nigao/nigao/templates"
)

// sample reads a report from ../shared/samples. Outside CI a checkout
// without ../shared skips, saying so; CI sets NIGAO_REQUIRE_SHARED=1 so
// the test cannot pass by not running.
func sample(t *testing.T, name string) []byte {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "samples", name)
	data, err := os.ReadFile(p)
	if err != nil {
		msg := "no sample report " + p + " (the ../shared folder beside the clone): " + err.Error()
		if os.Getenv("NIGAO_REQUIRE_SHARED") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return data
}

// TestImportedOutline: a template made from last year's report (六横镇's
// annual report: one 一、 holding 200 figures under （一）（二）…) opens
// with its （一） items in the outline, and PgDn goes from one to the
// next. Driven through teatest, as the clerk's terminal would.
func TestImportedOutline(t *testing.T) {
	const name = "004_b0b9baad1e689d8c.txt"
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	ck, err := importer.ImportChecked(name, sample(t, name), nil, set.Lib)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ck.Template.Fields()); n < 100 {
		t.Fatalf("the import has %d fields; the test wants a template of 100 or more", n)
	}
	m := &Model{c: &common{styles: defaultStyles(), keys: defaultKeys()},
		opt: Options{AnswersPath: filepath.Join(t.TempDir(), "a.yaml"), AutosaveDir: t.TempDir()}}
	m.open(ck.Template, ck.Answers)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	wait := func(what string, cond func(string) bool) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return cond(ansi.Strip(string(b))) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	wait("the outline", func(s string) bool {
		return strings.Contains(s, "-一、") && strings.Contains(s, "（一）坚持") && strings.Contains(s, "（二）坚持") && strings.Contains(s, "（五）坚持")
	})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyPgDown})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyPgDown})
	wait("the second （一） item's page", func(s string) bool {
		return strings.Contains(s, "（二）坚持底线思维，着力构建安全稳定、")
	})
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if f := formOf(m); f.cur.parent == nil || f.cur != f.cur.parent.kids[1] {
		t.Errorf("after two PgDn: %s (want the second （一） item)", f.cur.name(m.s))
	}
}

// TestImportedTitleBar: the title bar of a template imported from last
// year's report names this year's draft by its title, not by the title
// of the report it was made from (the template's name).
func TestImportedTitleBar(t *testing.T) {
	report := "城南街道2024年工作总结\n\n2024年，城南街道完成地区生产总值38.6亿元，新增市场主体1260户。\n\n城南街道\n2024年12月20日\n"
	set, err := templates.Open([]string{})
	if err != nil {
		t.Fatal(err)
	}
	ck, err := importer.ImportChecked("2024.txt", []byte(report), nil, set.Lib)
	if err != nil {
		t.Fatal(err)
	}
	if ck.Template.Name != "城南街道2024年工作总结" {
		t.Fatalf("the template is named %q", ck.Template.Name)
	}
	m := &Model{c: &common{styles: defaultStyles(), keys: defaultKeys()},
		opt: Options{AnswersPath: filepath.Join(t.TempDir(), "a.yaml"), AutosaveDir: t.TempDir()}}
	m.open(ck.Template, ck.Answers)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	jump(m, "年度")
	press(m, "ctrl+u")
	typeText(m, "2025")
	header := strings.SplitN(screenText(m), "\n", 2)[0]
	if !strings.Contains(header, "城南街道2025年工作总结") || strings.Contains(header, "2024") {
		t.Fatalf("title bar filling 2025: %q", header)
	}
	if w := m.View().WindowTitle; !strings.Contains(w, "2025") {
		t.Errorf("window title %q", w)
	}
}
