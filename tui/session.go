package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// A session is one template being filled in: the answers and where they
// are saved (the store), last period's answers, the draft they make,
// undo and redo, and the sequencing of saves. Every page works on the
// session; none holds another page. The form keeps only how it shows
// the session (section, focus, scroll).
type session struct {
	// base is the template as loaded; t is base with the clerk's own
	// figures (the answers' figures:) added, what every page shows.
	base *schema.Template
	t    *schema.Template
	tree *outline // the template's parts as the report's outline
	st   *store
	opt  Options        // where answers, previous answers and exports go
	prev *schema.Values // last period's answers, for 上年 and 同比; nil without
	vs   *schema.Values // the answers evaluated
	doc  *render.Document
	nums map[string]string // part id → its number in doc, for the parts whose headings doc writes

	// letterhead is the Word letterhead last exported with in this
	// session (starting as Options.DocxTemplate, else the answers' own).
	letterhead string

	// tplPath is the template's file when the clerk may edit it (F2
	// renames a field there); "" for a built-in. lib is the section
	// library it loads with.
	tplPath string
	lib     *schema.Library

	// undo holds each field's answer from before the clerk's edits of
	// it, newest last; editing is the field whose current edit (since the
	// focus came to it) already has its step.
	undo    []undoStep
	redo    []undoStep // steps undone, newest last; a new edit clears them
	editing string

	saveSeq int // counts edits, so a saveTickMsg of an older one does nothing

	collectDir string // where collection sheets were last written or read
}

// undoStep is a field's answer before an edit: Ctrl+Z puts it back.
// For adding, deleting or renaming a sentence of the clerk's it is
// instead the part's sentences from before (figures set, id "").
type undoStep struct {
	id      string
	had     bool // the field had an answer
	before  schema.Raw
	figures *figureState
}

// figureState is a part's sentences of the clerk's and the answers of
// the figures in ids (those of the sentences then and now).
type figureState struct {
	part      string
	sentences []schema.FigureSentence
	ids       []string
	values    map[string]schema.Raw // ids without an answer are missing
}

// maxUndo bounds the undo steps kept.
const maxUndo = 200

// saveTickMsg fires a moment after the last keystroke: the field being
// typed is saved even if the clerk never leaves it.
type saveTickMsg struct{ seq int }

const saveDelay = 600 * time.Millisecond

// changedMsg: a save found the answers file changed outside the wizard;
// the wizard asks what to do.
type changedMsg struct{}

// openSession starts filling in t from a (nil: the -a file's answers,
// else the autosave, else none). draft is an unfinished autosave the
// clerk may resume (its answers are already in); warn is a problem worth
// a line in the status bar (an unreadable draft or previous answers).
func openSession(t *schema.Template, a *schema.Answers, opt Options) (s *session, draft *draftInfo, warn error) {
	st := &store{}
	switch {
	case opt.AnswersPath != "":
		st.path = opt.AnswersPath
	default:
		st.path = autosavePath(opt, t.ID)
		st.autosave = true
		if a == nil && st.path != "" {
			draft, warn = findDraftAt(st.path)
			if draft != nil {
				a = draft.answers
			}
		} else if a != nil {
			st.dirty = true // answers from elsewhere (an import): save them
		}
	}
	if a == nil {
		a = schema.NewAnswers(t)
	}
	st.a = a
	st.stamp = stampOf(st.path)
	s = &session{base: t, t: t, st: st, opt: opt, letterhead: opt.DocxTemplate}
	if err := s.start(); err != nil {
		warn = err
	}
	return s, draft, warn
}

// start finds what goes with the answers (last period's, the
// letterhead) as nigao render does, and builds the draft.
func (s *session) start() error {
	ferr := s.applyFigures()
	given := schema.Given{Previous: s.opt.Previous, Letterhead: s.opt.DocxTemplate}
	if s.st.autosave && s.st.path != "" {
		given.KeptPrevious = PreviousPath(filepath.Dir(s.st.path), s.t.ID)
	}
	c, err := schema.ResolveCompanions(s.st.a, s.st.path, given)
	s.prev = nil
	if c.Previous != nil {
		s.prev = s.t.Evaluate(c.Previous)
	}
	if s.opt.DocxTemplate == "" {
		s.letterhead = c.Letterhead
	}
	s.refresh()
	return errors.Join(ferr, err)
}

// applyFigures makes the template the session fills in: the loaded one
// with the clerk's figures added, as nigao render does. Figures that do
// not fit it (a hand-edited file) leave the template as loaded, and say
// why.
func (s *session) applyFigures() error {
	t, err := schema.WithFigures(s.base, s.st.a)
	if err != nil {
		t = s.base
		err = fmt.Errorf("自己加的数字没有用上：%w", err)
	}
	s.t = t
	s.tree = newOutline(t)
	return err
}

// reload replaces the answers with a, saved where they were (a file read
// in again, or a fresh start); undo starts over.
func (s *session) reload(a *schema.Answers) error {
	s.st = &store{a: a, path: s.st.path, autosave: s.st.autosave, stamp: stampOf(s.st.path)}
	s.undo, s.redo, s.editing = nil, nil, ""
	return s.start()
}

func autosavePath(opt Options, id string) string {
	d := opt.autosaveDir()
	if d == "" {
		return ""
	}
	return filepath.Join(d, safeFileName(id)+".yaml")
}

func findDraftAt(path string) (*draftInfo, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a, err := schema.LoadAnswersFile(path)
	if err != nil {
		return nil, fmt.Errorf("自动保存的草稿读不出来（%v），从空白开始", err)
	}
	n := 0
	for _, k := range a.Keys() {
		if r, ok := a.Get(k); ok && !r.IsEmpty() {
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	return &draftInfo{path: path, answers: a, filled: n, modTime: fi.ModTime()}, nil
}

// refresh re-evaluates the answers and rebuilds the whole draft, shared
// by the preview, the section status, the review and the export. It
// runs on every keystroke: BenchmarkKeystroke (300 fields) stays well
// under its 2 ms budget without rebuilding only the section typed in.
func (s *session) refresh() {
	s.vs = s.t.Evaluate(s.st.a)
	s.vs.Prev = s.prev
	s.doc = render.Build(s.vs)
	s.nums = make(map[string]string, len(s.nums))
	for _, p := range s.doc.Paras {
		if p.Level > 0 {
			s.nums[p.Part] = p.Number
		}
	}
}

// label is a field's label in the unit's words (UnitWords), or its id
// when it has none.
func (s *session) label(id string) string {
	if fl := s.t.Field(id); fl != nil && fl.Label != "" {
		return s.vs.UnitWords(fl.Label)
	}
	return id
}

// set gives field id the answer r as the clerk types it, and schedules
// the save of a field still being typed. The first change since the
// focus came to the field is an undo step.
func (s *session) set(id string, r schema.Raw) tea.Cmd {
	if s.editing != id {
		before, had := s.st.a.Get(id)
		s.pushUndo(undoStep{id: id, had: had, before: before})
		s.editing = id
	}
	s.st.a.Set(id, r)
	s.st.changed()
	s.refresh()
	s.saveSeq++
	seq := s.saveSeq
	return tea.Tick(saveDelay, func(time.Time) tea.Msg { return saveTickMsg{seq} })
}

// setOmitted leaves part p out of the draft, or puts it back.
func (s *session) setOmitted(p *schema.Part, omit bool) tea.Cmd {
	s.st.a.SetOmitted(p.ID, omit)
	return s.changedNow()
}

// setHeading picks alternative i of part p's heading.
func (s *session) setHeading(p *schema.Part, i int) tea.Cmd {
	s.st.a.SetHeading(p.ID, i)
	return s.changedNow()
}

func (s *session) changedNow() tea.Cmd {
	s.st.changed()
	s.refresh()
	return s.saveNow()
}

// endEdit is the focus leaving a field: the change is complete and
// saved now.
func (s *session) endEdit() tea.Cmd {
	s.editing = ""
	return s.saveNow()
}

// tick saves the field being typed when no key came for a while.
func (s *session) tick(msg saveTickMsg) tea.Cmd {
	if msg.seq != s.saveSeq {
		return nil
	}
	return s.saveNow()
}

// saveNow saves the answers if they changed.
func (s *session) saveNow() tea.Cmd {
	if !s.st.dirty {
		return nil
	}
	s.saveSeq++
	if err := s.st.save(false); err != nil {
		if errors.Is(err, errChanged) {
			return func() tea.Msg { return changedMsg{} }
		}
		return statusCmd(err.Error(), true)
	}
	return nil
}

// pushUndo records an edit's step; a new edit ends what Ctrl+Y could
// redo.
func (s *session) pushUndo(u undoStep) {
	s.undo = append(s.undo, u)
	if len(s.undo) > maxUndo {
		s.undo = s.undo[len(s.undo)-maxUndo:]
	}
	s.redo = s.redo[:0]
}

// firstChanged is the first figure of to that from does not have, or
// has by another name; "" when to only lacks figures of from.
func firstChanged(from, to figureState) string {
	label := map[string]string{}
	for _, ss := range from.sentences {
		for _, f := range ss.Fields {
			label[f.ID] = f.Label
		}
	}
	for _, ss := range to.sentences {
		for _, f := range ss.Fields {
			if l, ok := label[f.ID]; !ok || l != f.Label {
				return f.ID
			}
		}
	}
	return ""
}

// canStep reports whether there is a step to undo (or to redo).
func (s *session) canStep(redo bool) bool {
	if redo {
		return len(s.redo) > 0
	}
	return len(s.undo) > 0
}

// step undoes the newest edit (or redoes the newest undo): the field
// gets its answer from before, and the step that puts back what it
// replaced goes on the other list. It returns the step taken.
func (s *session) step(redo bool) (undoStep, tea.Cmd) {
	from, to, done := &s.undo, &s.redo, "已撤销对“%s”的修改（Ctrl+Y 恢复）"
	if redo {
		from, to, done = &s.redo, &s.undo, "已恢复对“%s”的修改"
	}
	u := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	if u.figures != nil {
		back := s.figureState(u.figures.part, u.figures.ids)
		s.setFigureState(*u.figures)
		*to = append(*to, undoStep{figures: &back})
		u.id = firstChanged(back, *u.figures) // where the form goes: the figure back, or renamed
		what := "已撤销对自己加的句子的修改（Ctrl+Y 恢复）"
		if redo {
			what = "已恢复对自己加的句子的修改"
		}
		return u, tea.Batch(s.figuresChanged(), statusCmd(what, false))
	}
	back := u
	back.before, back.had = s.st.a.Get(u.id)
	if u.had {
		s.st.a.Set(u.id, u.before)
	} else {
		s.st.a.Delete(u.id)
	}
	*to = append(*to, back)
	s.st.changed()
	s.refresh()
	return u, tea.Batch(s.saveNow(), statusCmd(fmt.Sprintf(done, s.label(u.id)), false))
}

// save is Ctrl+S: save the answers now. Answers that so far live only in
// the autosave get a name first.
func (s *session) save(c *common) tea.Cmd {
	st := s.st
	if st.autosave && !st.paused {
		c.open(saveAsDialog(c, s))
		return nil
	}
	st.paused = false
	if err := st.save(true); err != nil {
		if errors.Is(err, errChanged) {
			c.open(changedDialog(c, s))
			return nil
		}
		return statusCmd(err.Error(), true)
	}
	st.unexported = false
	return statusCmd("已保存到 "+st.path, false)
}

// draftName is the draft's title as a file name, or fallback while the
// title still has gaps.
func (s *session) draftName(fallback string) string {
	return safeFileName(s.title(fallback))
}

// title is the draft's title as it reads now, or fallback while it
// still has gaps (【待填】).
func (s *session) title(fallback string) string {
	title := strings.TrimSpace(s.doc.Title)
	if title == "" || strings.Contains(title, "【") {
		return fallback
	}
	return title
}

// name is what the title bar calls the draft: its template's name; but
// a template imported from last year's report is named by that report's
// title (城南街道2024年工作总结及2025年工作计划), which this year's draft
// is not: it is called by its own title.
func (s *session) name() string {
	if s.t.ImportedFrom == "" {
		return s.t.Name
	}
	return s.title(s.t.Name)
}

// saveAs moves answers kept so far only in the autosave to the file
// name: saved there now and every change from then on; the autosave
// goes. Overwriting name, if it exists, was asked about before.
func (s *session) saveAs(name string) error {
	st := s.st
	old, oldStamp := st.path, st.stamp
	st.path, st.autosave = name, false
	st.stamp = stampOf(name)
	if err := st.save(true); err != nil {
		st.path, st.autosave, st.stamp = old, true, oldStamp
		return err
	}
	st.unexported = false
	os.Remove(old) // the draft now lives in the named file
	return nil
}

// overwrite saves the wizard's answers over a file changed outside it.
func (s *session) overwrite() tea.Cmd {
	s.st.takeDisk()
	if err := s.st.save(true); err != nil {
		return statusCmd(err.Error(), true)
	}
	return statusCmd("已用向导里的内容覆盖 "+s.st.path, false)
}

// pause stops autosaving until the clerk decides about a changed file.
func (s *session) pause() tea.Cmd {
	s.st.paused = true
	s.st.err = nil
	return statusCmd("自动保存已暂停：答案文件在外面被改过。按 Ctrl+S 再决定", true)
}

// readDisk reads the answers file as it is now, instead of the wizard's.
func (s *session) readDisk() (tea.Cmd, bool) {
	a, err := schema.LoadAnswersFile(s.st.path)
	if err != nil {
		s.st.paused, s.st.err = true, nil
		return statusCmd("读入失败，自动保存已暂停："+err.Error(), true), false
	}
	if err := s.reload(a); err != nil {
		return statusCmd("已读入 "+s.st.path+"；"+err.Error(), true), true
	}
	return statusCmd("已读入 "+s.st.path, false), true
}

// restart starts afresh from an unfinished draft, kept as .bak.
func (s *session) restart(d *draftInfo) (tea.Cmd, bool) {
	bak := d.path + ".bak"
	if err := os.Rename(d.path, bak); err != nil {
		return statusCmd("旧草稿改名失败："+err.Error(), true), false
	}
	if err := s.reload(schema.NewAnswers(s.t)); err != nil {
		return statusCmd("已重新开始；旧草稿在 "+bak+"；"+err.Error(), true), true
	}
	return statusCmd("已重新开始；旧草稿在 "+bak, false), true
}

// rememberLetterhead writes the letterhead used (path; "" for none) into
// the answers, so the next export, and nigao render, use it again: as a
// path relative to a named answers file that sits beside or above it,
// else in full.
func (s *session) rememberLetterhead(path string) tea.Cmd {
	a := s.st.a
	rel := path
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			rel = abs
			if !s.st.autosave {
				if dir, err := filepath.Abs(filepath.Dir(s.st.path)); err == nil {
					if r, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(r, "..") {
						rel = r
					}
				}
			}
		}
	}
	if a.DocxTemplate == rel || path != "" && a.DocxTemplateFile(s.st.path) == path {
		return nil
	}
	a.DocxTemplate = rel
	s.st.changed()
	return s.saveNow()
}
