package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// Issue 16 in the wizard: a template or answers file over a budget shows
// its message instead of a blank screen, a path that is no regular file
// never freezes it, and Ctrl+C quits whatever it shows.

var untrustedDir, _ = filepath.Abs(filepath.Join("..", "testdata", "untrusted"))

// untrustedFile copies a file of testdata/untrusted into dir.
func untrustedFile(t *testing.T, name, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(untrustedDir, name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// runWizard starts the wizard with opt and returns a function waiting
// for a screen holding what.
func runWizard(t *testing.T, opt Options) (*teatest.TestModel, func(what string)) {
	t.Helper()
	if opt.AutosaveDir == "" {
		opt.AutosaveDir = t.TempDir()
	}
	m, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 36))
	return tm, func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			return strings.Contains(ansi.Strip(string(b)), what)
		}, teatest.WithDuration(10*time.Second))
	}
}

// quit presses Ctrl+C (and Y, should the wizard ask) and waits for the
// wizard to end.
func quit(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	tm.Send(keyMsg("ctrl+c"))
	tm.Send(keyMsg("y"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

// An alias bomb among the clerk's templates: the picker lists it as
// broken, and picking it says why.
func TestWizardTemplateOverBudget(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Chdir(t.TempDir())
	os.Mkdir("templates", 0o755)
	untrustedFile(t, "alias-bomb.yaml", "templates")
	tm, waitScreen := runWizard(t, Options{})
	waitScreen("选择要写的稿子")
	tm.Type("别名") // with many built-ins the entry may be below the fold until filtered
	waitScreen("别名炸弹")
	tm.Send(keyMsg("enter"))
	waitScreen("展开后")
	quit(t, tm)
}

// Answers that make an expression run out of its budget: the form opens,
// the figure says why it is missing; a list answer over its limit says so.
func TestWizardAnswersOverBudget(t *testing.T) {
	for _, tt := range []struct {
		items int
		keys  []string // to where the message is
		want  string
	}{
		{1000, []string{"pgdown"}, "【待填:r：超出计"},                   // in the preview
		{20000, []string{"ctrl+r"}, "列表：列表过长（20000 项，上限 1000 项）"}, // in the review
	} {
		dir := t.TempDir()
		tpl := untrustedFile(t, "expr-nested-count-answer.yaml", dir)
		ans := filepath.Join(dir, "a.yaml")
		list := "[" + strings.TrimSuffix(strings.Repeat("项, ", tt.items), ", ") + "]"
		os.WriteFile(ans, []byte("template: expr-nested-count-answer\nvalues:\n  列表: "+list+"\n"), 0o644)
		tm, waitScreen := runWizard(t, Options{Template: tpl, AnswersPath: ans})
		waitScreen("基本信息")
		for _, k := range tt.keys {
			tm.Send(keyMsg(k))
		}
		waitScreen(tt.want)
		quit(t, tm)
	}
}
