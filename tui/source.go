package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/inputfile"
	"github.com/nigao/nigao/schema"
)

// A template nigao import made from last year's report knows the report
// (imported_from). The form then shows, under the focused figure, the
// sentence of the report it stood in — the template's sentence written
// with last year's figures — with the figure picked out; and F2 gives the
// field a better name, written back into the template file.

// sourceSentence is the sentence holding field id's first slot in the
// template's prose, written with last year's figures where there are
// any (this year's otherwise): before the figure, the figure, after it.
func sourceSentence(s *session, id string) (before, figure, after string, ok bool) {
	var found []schema.Segment
	at := -1
	visit := func(p schema.Prose) bool {
		for i, seg := range p.Segs {
			if seg.Slot != nil && seg.Slot.Field != nil && seg.Slot.Field.ID == id {
				found, at = p.Segs, i
				return true
			}
		}
		return false
	}
	t := s.t
	done := visit(t.Title)
	for _, p := range t.Opening {
		done = done || visit(p.Text)
	}
	var walk func(ps []*schema.Part)
	walk = func(ps []*schema.Part) {
		for _, p := range ps {
			for _, h := range p.Headings {
				done = done || visit(h)
			}
			for _, q := range p.Paragraphs {
				done = done || visit(q.Text)
			}
			walk(p.Parts)
		}
	}
	walk(t.Sections)
	for _, p := range t.Closing {
		done = done || visit(p.Text)
	}
	if !done {
		return "", "", "", false
	}
	var pieces []string // back from the figure to its sentence's start
	for i := at - 1; i >= 0; i-- {
		text := s.segmentText(found[i])
		if k := sentenceCut(text, true); k >= 0 {
			pieces = append(pieces, text[k:])
			break
		}
		pieces = append(pieces, text)
	}
	slices.Reverse(pieces)
	before = strings.Join(pieces, "")
	figure = s.segmentText(found[at])
	var b strings.Builder
	for _, seg := range found[at+1:] {
		text := s.segmentText(seg)
		if k := sentenceCut(text, false); k >= 0 {
			b.WriteString(text[:k])
			break
		}
		b.WriteString(text)
	}
	return before, figure, b.String(), true
}

const sentenceEnds = "。！？；"

// sentenceCut is where text's last sentence begins (after its last
// 。！？；, last) or where its first sentence ends (its 。 included), -1
// when it has none.
func sentenceCut(text string, last bool) int {
	k := strings.IndexAny(text, sentenceEnds)
	if last {
		k = strings.LastIndexAny(text, sentenceEnds)
	}
	if k < 0 {
		return -1
	}
	_, size := utf8.DecodeRuneInString(text[k:])
	return k + size
}

// segmentText is a segment as last year's report wrote it: literal text
// as it is; a field's slot with last year's figure (a percentage with its
// sign: the importer takes % into the slot); an expression ({年度 + 1})
// evaluated.
func (s *session) segmentText(seg schema.Segment) string {
	if seg.Slot == nil {
		return seg.Text
	}
	if f := seg.Slot.Field; f != nil {
		v := s.vs.Value(f.ID)
		if s.prev != nil {
			if pv := s.prev.Value(f.ID); pv.State == schema.Set {
				v = pv
			}
		}
		switch {
		case v.State != schema.Set:
			return "【" + s.label(f.ID) + "】"
		case f.Type == schema.Percent:
			return v.Text + "%"
		case f.Type == schema.Date:
			return v.Date.Format("2006年1月2日")
		}
		return v.Text
	}
	if seg.Slot.Expr != nil {
		vs := s.vs
		if s.prev != nil {
			vs = s.prev
		}
		if out, err := vs.Eval(seg.Slot.Expr); err == nil {
			return fmt.Sprint(out)
		}
	}
	return "{" + seg.Slot.Src + "}"
}

// sourceLines is how many lines the sentence of a figure takes at most.
const sourceLines = 3

// appendSource appends the sentence of the report field id came from,
// "原文：" before it and the figure in reverse video, wrapped to width.
func appendSource(lines []string, s *session, st styles, id string, width int) []string {
	before, figure, after, ok := sourceSentence(s, id)
	if !ok {
		return lines
	}
	spans := []span{{"原文：" + before, 0}, {figure, 1}, {after, 0}}
	for i, l := range wrapSpans(spans, width-2, 0) {
		if i == sourceLines {
			break
		}
		var b strings.Builder
		b.WriteString("  ")
		for _, sp := range l {
			if sp.style == 1 {
				b.WriteString(st.selected.Render(sp.text))
			} else {
				b.WriteString(st.dim.Render(sp.text))
			}
		}
		lines = append(lines, b.String())
	}
	return lines
}

// renameField gives field id the label label in the template's file:
// edited as YAML (comments and layout kept), checked to load as this
// template, written atomically; the session then fills in the template as
// it now is.
func (s *session) renameField(id, label string) error {
	label = strings.TrimSpace(label)
	if label == "" {
		return errors.New("名称不能为空")
	}
	if s.tplPath == "" {
		return errors.New("内置模板不能在这里改名：请用 nigao import 或复制一份模板到模板文件夹后再改")
	}
	src, err := inputfile.Read(s.tplPath, "模板", schema.MaxSourceSize)
	if err != nil {
		return err
	}
	out, err := schema.SetFieldLabel(src, id, label)
	if err != nil {
		return err
	}
	t, err := schema.Load(s.tplPath, out, s.lib)
	if err != nil {
		return fmt.Errorf("改名后模板有错误，没有保存：%w", err)
	}
	if t.ID != s.t.ID {
		return fmt.Errorf("%s 不是模板“%s”的文件，没有改动", s.tplPath, s.t.ID)
	}
	if err := atomicfile.WriteFile(s.tplPath, out, 0o644); err != nil {
		return fmt.Errorf("保存模板：%w", err)
	}
	s.base = t
	return s.start()
}

// renameDialog asks for a field's new name (F2). The name goes into the
// template file; a name refused (empty, a built-in template, a file that
// does not load) keeps the dialog open with the reason under it.
func renameDialog(c *common, s *session, f *schema.Field) *dialog {
	lines := []string{"字段 " + f.ID + " 在向导和检查页里显示的名称（label），写回模板文件 " + s.tplPath + "。"}
	if s.tplPath == "" {
		lines = []string{"这是内置模板，不能在这里改名。"}
	}
	d := inputDialog(c, "字段改名", "名称：", s.label(f.ID), lines, nil)
	d.help = []key.Binding{bind("", "输入新名称"), bind("Enter", "改名"), bind("Esc", "取消")}
	id := f.ID
	d.try = func(in string) (tea.Cmd, error) {
		if err := s.renameField(id, in); err != nil {
			return nil, err
		}
		c.send(reloadedMsg{}) // the form is built again on the template as it now is
		c.send(jumpToFieldMsg{id: id})
		c.send(statusMsg{text: "已改名：" + strings.TrimSpace(in) + "（模板 " + s.tplPath + "）"})
		return nil, nil
	}
	return d
}
