package schema

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/inputfile"
	"go.yaml.in/yaml/v3"
)

var (
	answersKeys    = []string{"template", "values", "omit", "headings", "previous", "docx_template", "sources", "figures"}
	answersTplKeys = []string{"id", "version"}
	sourceKeys     = []string{"from", "file", "date"}
)

// A Source says where an answer came from when it was not typed in: the
// office whose returned collection sheet gave it, that file's name, and
// the day it was taken in.
type Source struct {
	From string    // 安监站
	File string    // 安监站-2024年上半年工作总结-报送表.xlsx
	Date time.Time // the day the value was merged in
}

// String is how the review page shows it: 来自 安监站报送表，12月3日.
func (s Source) String() string {
	out := "来自 " + s.From + "报送表"
	if !s.Date.IsZero() {
		out += fmt.Sprintf("，%d月%d日", s.Date.Month(), s.Date.Day())
	}
	return out
}

// Answers is what a clerk filled in for one template: values by field id,
// parts left out, and the chosen alternative headings. It keeps the YAML
// document it was read from so saving keeps the clerk's comments and key
// order.
type Answers struct {
	TemplateID      string
	TemplateVersion int
	Previous        string // path of last period's answers, for 同比
	// DocxTemplate is the path of the clerk's Word letterhead that .docx
	// drafts of these answers are poured into (docx_template:).
	DocxTemplate string

	values   map[string]Raw
	keys     []string // values in file order, then in order of setting
	pos      map[string]Pos
	omit     map[string]bool
	headings map[string]int
	sources  map[string]Source
	figures  map[string][]FigureSentence // the clerk's sentences with figures, by part (figures.go)
	figParts []string                    // the parts of figures, in file order
	doc      *yaml.Node                  // nil for new answers
	name     string

	previousPos Pos // where previous: is written, for messages about it
	docxPos     Pos // where docx_template: is
}

// NewAnswers returns empty answers for a template.
func NewAnswers(t *Template) *Answers {
	a := &Answers{values: map[string]Raw{}, pos: map[string]Pos{}, omit: map[string]bool{}, headings: map[string]int{}, sources: map[string]Source{}}
	if t != nil {
		a.TemplateID, a.TemplateVersion = t.ID, t.Version
	}
	return a
}

// Get returns the raw answer for a field id, and whether there is one.
func (a *Answers) Get(id string) (Raw, bool) {
	r, ok := a.values[id]
	return r, ok
}

// Set records an answer. Setting an empty answer keeps the key, so a
// cleared field stays visible in the file. A changed value no longer
// comes from where its source said: the source goes.
func (a *Answers) Set(id string, r Raw) {
	old, ok := a.values[id]
	if !ok {
		a.keys = append(a.keys, id)
	}
	if !ok || !sameRaw(old, r) {
		delete(a.sources, id)
	}
	a.values[id] = r
}

func sameRaw(x, y Raw) bool {
	return x.IsList == y.IsList && x.Text == y.Text && slices.Equal(x.List, y.List)
}

// Source returns where the answer for id came from, if it was taken in
// from a collection sheet.
func (a *Answers) Source(id string) (Source, bool) {
	s, ok := a.sources[id]
	return s, ok
}

// SetSource records where the answer for id came from; call it after Set.
func (a *Answers) SetSource(id string, s Source) { a.sources[id] = s }

// Delete removes an answer.
func (a *Answers) Delete(id string) {
	if _, ok := a.values[id]; !ok {
		return
	}
	delete(a.values, id)
	delete(a.sources, id)
	for i, k := range a.keys {
		if k == id {
			a.keys = append(a.keys[:i], a.keys[i+1:]...)
			break
		}
	}
}

// Keys returns the ids that have answers, in file order.
func (a *Answers) Keys() []string { return append([]string(nil), a.keys...) }

// Omitted reports whether the clerk left a part out.
func (a *Answers) Omitted(partID string) bool { return a.omit[partID] }

// SetOmitted leaves a part out of the draft, or puts it back.
func (a *Answers) SetOmitted(partID string, omit bool) {
	if omit {
		a.omit[partID] = true
	} else {
		delete(a.omit, partID)
	}
}

// Heading returns the chosen alternative heading of a part (0 = first).
func (a *Answers) Heading(partID string) int { return a.headings[partID] }

// SetHeading chooses alternative i for a part's heading.
func (a *Answers) SetHeading(partID string, i int) {
	if i == 0 {
		delete(a.headings, partID)
	} else {
		a.headings[partID] = i
	}
}

// PreviousFile is the path of last period's answers named by this file's
// previous: key, resolved against answersPath (the file it was read
// from) as the clerk wrote it there; "" when there is none.
func (a *Answers) PreviousFile(answersPath string) string {
	return besideAnswers(a.Previous, answersPath)
}

// DocxTemplateFile is the Word letterhead named by docx_template:,
// resolved like PreviousFile.
func (a *Answers) DocxTemplateFile(answersPath string) string {
	return besideAnswers(a.DocxTemplate, answersPath)
}

// Given are the paths a command line gives beside an answers file
// (--previous, --docx-template); each wins over what the file names.
type Given struct {
	Previous   string // last period's answers, instead of previous:
	Letterhead string // the Word letterhead, instead of docx_template:
	// KeptPrevious is where the wizard keeps last period's answers
	// beside an autosave (模板id.上年.yaml, what its import writes): used
	// when nothing else names them and the file is there.
	KeptPrevious string
}

// Companions are what goes with a set of answers into a draft.
type Companions struct {
	Previous     *Answers // last period's answers, for 上年 and 同比; nil: none
	PreviousFile string   // the file Previous was read from
	Letterhead   string   // path of the Word letterhead; "": the built-in layout
}

// ResolveCompanions finds what goes with answers a, read from (or saved
// to) path, by the one rule nigao render and the wizard share: last
// period's answers are given.Previous, else the file's previous:, else
// given.KeptPrevious if it exists, and are read; the letterhead is
// given.Letterhead, else the file's docx_template:, and is only named
// (render opens it, when a Word document is written). Paths in the file
// are relative to it. a may be nil and path "" (no answers file). The
// letterhead is resolved even when last period's answers do not load.
func ResolveCompanions(a *Answers, path string, given Given) (Companions, error) {
	c := Companions{Letterhead: given.Letterhead}
	prev := given.Previous
	who := "--previous" // what names last period's answers, for messages
	if a != nil {
		if c.Letterhead == "" {
			c.Letterhead = a.DocxTemplateFile(path)
			if err := namedKind(a.docxPos, "docx_template", c.Letterhead, ".docx"); err != nil {
				return c, err
			}
		}
		if prev == "" {
			prev = a.PreviousFile(path)
			if err := namedKind(a.previousPos, "previous", prev, ".yaml", ".yml"); err != nil {
				return c, err
			}
			who = a.previousPos.String() + ": previous"
		}
	}
	if prev == "" && given.KeptPrevious != "" {
		if fi, err := os.Stat(given.KeptPrevious); err == nil && fi.Mode().IsRegular() {
			prev = given.KeptPrevious
		}
	}
	if prev == "" {
		return c, nil
	}
	if prev != given.KeptPrevious && path != "" && sameFile(prev, path) {
		return c, fmt.Errorf("%s 指向答案文件 %s 自己：上年的答案要另存一个文件（例如 2023年.yaml），否则同比都成了“与上年持平”", who, Visible(path))
	}
	var err error
	if c.Previous, err = LoadAnswersFile(prev); err != nil {
		if prev == given.KeptPrevious {
			who = "上年答案"
		}
		return c, fmt.Errorf("%s 指向的上年答案：%w", who, err)
	}
	c.PreviousFile = prev
	return c, nil
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// namedKind refuses a file an answers file names (previous:, docx_template:)
// whose name does not end in one of exts: a colleague's answers file may
// name any file on this computer, and nigao opens only what such a key is
// for (its content is then not quoted in messages either).
func namedKind(at Pos, key, path string, exts ...string) error {
	if path == "" {
		return nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range exts {
		if ext == e {
			return nil
		}
	}
	return fmt.Errorf("%s: %s 指向 %s，没有打开：这里只能写 %s 文件", at, key, Visible(path), strings.Join(exts, " 或 "))
}

// besideAnswers resolves a path written in an answers file against the
// folder of that file.
func besideAnswers(p, answersPath string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	if answersPath == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(answersPath), p)
}

// Pos returns where a value was read from, if it was.
func (a *Answers) Pos(id string) Pos { return a.pos[id] }

// LoadAnswersFile reads an answers file.
func LoadAnswersFile(path string) (*Answers, error) {
	src, err := inputfile.Read(path, "答案文件", MaxSourceSize)
	if err != nil {
		return nil, err
	}
	return LoadAnswers(path, src)
}

// LoadAnswers parses answers from YAML.
func LoadAnswers(name string, src []byte) (*Answers, error) {
	a := NewAnswers(nil)
	a.name = name
	root, _, err := parseYAML(name, src)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		// not an answers file at all, and perhaps no one's business: what
		// it holds is not quoted
		return nil, &Error{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "不是 nigao 的答案文件（答案文件由 template:、values: 等“键: 值”组成）"}
	}
	l := &loader{src: newSource(name, src)}
	m := l.checkedMap(root, "答案文件", answersKeys)
	if tn := m.val("template"); tn != nil {
		if tn.Kind == yaml.ScalarNode {
			a.TemplateID = tn.Value
		} else {
			tm := l.checkedMap(tn, "template", answersTplKeys)
			a.TemplateID = l.str(tm.val("id"), "id")
			if v, ok := l.integer(tm.val("version"), "version"); ok {
				a.TemplateVersion = v
			}
		}
	}
	if vn := m.val("values"); vn != nil && !(vn.Kind == yaml.ScalarNode && vn.Tag == "!!null") {
		vm := vn
		if vm.Kind != yaml.MappingNode {
			l.errorf(vn, "values 应当是“字段: 值”的映射，这里是%s%s", kindName(vn), colonHint(vn))
		} else {
			for i := 0; i+1 < len(vm.Content); i += 2 {
				kn, val := vm.Content[i], vm.Content[i+1]
				if val.Kind == yaml.AliasNode && val.Alias != nil {
					val = val.Alias
				}
				if _, dup := a.values[kn.Value]; dup {
					l.errorf(kn, "字段“%s”重复（第 %d 行已有）", kn.Value, a.pos[kn.Value].Line)
					continue
				}
				r, err := rawFromNode(val)
				if err != nil {
					at := val
					if ie, ok := err.(*itemError); ok {
						at = ie.n
					}
					l.errorf(at, "字段“%s”: %v", kn.Value, err)
					continue
				}
				a.Set(kn.Value, r)
				a.pos[kn.Value] = l.pos(val)
			}
		}
	}
	ids, _ := l.strs(m.val("omit"), "omit")
	for _, id := range ids {
		a.omit[id] = true
	}
	if hn := m.val("headings"); hn != nil {
		if hn.Kind != yaml.MappingNode {
			l.errorf(hn, "headings 应当是“章节: 序号”的映射")
		} else {
			for i := 0; i+1 < len(hn.Content); i += 2 {
				if v, ok := l.integer(hn.Content[i+1], "标题序号"); ok {
					if v < 1 {
						l.errorf(hn.Content[i+1], "标题序号从 1 开始")
						continue
					}
					a.headings[hn.Content[i].Value] = v - 1
				}
			}
		}
	}
	a.Previous = l.str(m.val("previous"), "previous")
	if n := m.val("previous"); n != nil {
		a.previousPos = l.pos(n)
	}
	if n := m.val("docx_template"); n != nil {
		a.docxPos = l.pos(n)
	}
	a.DocxTemplate = l.str(m.val("docx_template"), "docx_template")
	l.sources(m.val("sources"), a)
	l.figures(m.val("figures"), a)
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	a.doc = root
	return a, nil
}

// sources reads the sources: map, id → {from, file, date}.
func (l *loader) sources(n *yaml.Node, a *Answers) {
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "sources 应当是“字段: {from: 部门, file: 文件, date: 日期}”的映射，这里是%s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		sm := l.checkedMap(n.Content[i+1], "来源", sourceKeys)
		if sm.node.Kind != yaml.MappingNode {
			continue
		}
		s := Source{From: l.str(sm.val("from"), "from"), File: l.str(sm.val("file"), "file")}
		if dn := sm.val("date"); dn != nil {
			d, err := ParseDate(l.str(dn, "date"))
			if err != nil {
				l.errorf(dn, "date: %v", err)
				continue
			}
			s.Date = d
		}
		a.sources[n.Content[i].Value] = s
	}
}

// IsFor reports whether the answers were filled for t: they name no
// template, or t's id, or t's file (template: t.yaml, a path relative to
// the answers file).
func (a *Answers) IsFor(t *Template) bool {
	ref := a.TemplateID
	if ref == "" || ref == t.ID {
		return true
	}
	ext := strings.ToLower(filepath.Ext(ref))
	return (ext == ".yaml" || ext == ".yml") && (sameFile(besideAnswers(ref, a.name), t.Pos.File) || sameFile(ref, t.Pos.File))
}

// ForTemplate refuses answers filled for another template: their fields
// would mostly be missing from t's draft. path names the answers file.
func (a *Answers) ForTemplate(t *Template, path string) error {
	if a.IsFor(t) {
		return nil
	}
	return fmt.Errorf("答案文件 %s 是按模板“%s”填的，不是“%s”：请用 -t %s；确要按“%s”生成，请加 --force", path, a.TemplateID, t.ID, a.TemplateID, t.ID)
}

// Check compares answers with their template: unknown keys (kept, but
// worth a look), values that do not fit their field, parts and headings
// that do not exist. These are warnings: nothing is dropped.
func (a *Answers) Check(t *Template) ErrorList {
	var w ErrorList
	at := func(id string) Pos {
		if p, ok := a.pos[id]; ok {
			return p
		}
		return Pos{File: a.name}
	}
	if !a.IsFor(t) {
		w.add(Pos{File: a.name, Line: 1, Col: 1}, "答案文件属于模板“%s”，现在用的是“%s”", a.TemplateID, t.ID)
	} else if a.TemplateVersion != 0 && a.TemplateVersion != t.Version {
		w.add(Pos{File: a.name, Line: 1, Col: 1}, "答案文件是按模板第 %d 版填的，模板现在是第 %d 版：请核对新增或改动的部分", a.TemplateVersion, t.Version)
	}
	for _, id := range a.keys {
		f := t.Field(id)
		switch {
		case f == nil:
			ids := make([]string, 0, len(t.fields))
			for k := range t.fields {
				ids = append(ids, k)
			}
			if s := suggest(id, ids); s != "" {
				w.add(at(id), "模板中没有字段“%s”（是不是“%s”？）；这个值会保留在文件中，但不会出现在稿子里", clip(id, 40), s)
			} else {
				w.add(at(id), "模板中没有字段“%s”；这个值会保留在文件中，但不会出现在稿子里", clip(id, 40))
			}
		case f.Computed():
			w.add(at(id), "“%s”是自动计算的字段，填写的值不会被使用", id)
		default:
			if _, err := ParseValue(f, a.values[id]); err != nil {
				w.add(at(id), "%s：%v", f.Label, err)
			}
		}
	}
	if id, msg := a.unitTypeMismatch(t); msg != "" {
		w.add(at(id), "%s", msg)
	}
	for _, id := range sortedKeys(a.omit) {
		if t.Part(id) == nil {
			w.add(Pos{File: a.name}, "omit 中的章节“%s”在模板中不存在", id)
		}
	}
	for _, id := range sortedKeys(a.headings) {
		p := t.Part(id)
		if p == nil {
			w.add(Pos{File: a.name}, "headings 中的章节“%s”在模板中不存在", id)
		} else if a.headings[id] >= len(p.Headings) {
			w.add(Pos{File: a.name}, "章节“%s”只有 %d 个可选标题", id, len(p.Headings))
		}
	}
	return w.sorted()
}

// namedChoices are the basic-info choices a unit's name decides when
// left unchosen, and the word for what the name says of each.
var namedChoices = []struct{ id, what, is string }{
	{"单位类型", "单位类型", "是%s"},
	{"行政区", "本级行政区", "是%s的部门"},
}

// unitTypeMismatch says when the unit's name says another unit type (or
// level) than the one chosen (归义乡 with 镇, 南江县医保局 with 区): the
// draft would then speak of 全镇 and 镇村两级 for a 乡, or of 区委 for a
// 县's department. Left unchosen, they follow the name (ImpliedByName).
func (a *Answers) unitTypeMismatch(t *Template) (id, msg string) {
	for _, c := range namedChoices {
		named := t.ImpliedByName(a, c.id)
		chosen, ok := a.Get(c.id)
		have := strings.TrimSpace(chosen.Text)
		if named == "" || !ok || have == "" || have == named || have == NotApplicable {
			continue
		}
		unit := strings.TrimSpace(a.values["单位"].Text)
		return c.id, fmt.Sprintf("单位名称“%s”"+c.is+"，%s却是“%s”：稿子里会写“全%s”等说法；请把%s改为“%s”", clip(unit, 40), named, c.what, have, have, c.what, named)
	}
	return "", ""
}

// ImpliedByName is what the unit's name says of basic-info choice id,
// among the choices the template gives it: 单位类型 by how the name ends
// (归义乡 → 乡, 城东街道办事处 and 东坝街办 → 街道), 行政区 by the level
// in it (南江县医疗保障局 → 县, 城东区市场监督管理局 → 区); "" when the
// template has no such choice or the name says none.
func (t *Template) ImpliedByName(a *Answers, id string) string {
	f := t.Field(id)
	if f == nil || f.Type != Choice || t.Field("单位") == nil {
		return ""
	}
	r, _ := a.Get("单位")
	unit := strings.TrimSpace(r.Text)
	if id == "行政区" {
		return levelOfName(unit, f.Choices)
	}
	office := strings.HasSuffix(unit, "办事处") || strings.HasSuffix(unit, "街办")
	for _, s := range []string{"人民政府", "政府", "办事处", "党工委", "党委"} {
		unit = strings.TrimSuffix(unit, s)
	}
	best := ""
	for _, c := range f.Choices {
		if strings.HasSuffix(unit, c) && len(c) > len(best) {
			best = c
		}
	}
	if best == "" && office && slices.Contains(f.Choices, "街道") {
		best = "街道" // 城东办事处: a 街道's office
	}
	return best
}

// notLevel are words in a department's name where 县, 区 or 市 is not
// the level it serves: 市场监督管理局, 社区, 城市管理, 开发区 is one.
var notLevel = strings.NewReplacer(
	"市场", "", "市政", "", "市容", "", "城市", "", "都市", "", "超市", "",
	"社区", "", "小区", "", "园区", "", "景区", "", "校区", "", "片区", "", "辖区", "", "城区", "", "街区", "", "山区", "", "林区", "", "矿区", "", "库区", "", "保护区", "", "区划", "", "区域", "",
	"县域", "", "县城", "",
)

// levelOfName is the last of choices (县, 区, 市) the unit's name holds as
// its level: 杭州市西湖区统计局 → 区, 南江县市场监督管理局 → 县.
func levelOfName(unit string, choices []string) string {
	unit = notLevel.Replace(unit)
	best, at := "", -1
	for _, c := range choices {
		if i := strings.LastIndex(unit, c); i > at {
			best, at = c, i
		}
	}
	return best
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Save writes the answers atomically.
func (a *Answers) Save(path string) error {
	data, err := a.Encode()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

// Encode renders the answers as YAML. Answers read from a file are written
// back into that file's document, so comments and key order survive.
func (a *Answers) Encode() ([]byte, error) {
	root := a.doc
	if root == nil || root.Kind != yaml.MappingNode {
		root = &yaml.Node{Kind: yaml.MappingNode}
		root.HeadComment = "nigao 答案文件：按字段填写数字和文字；不适用的写“不适用”，暂时没有的留空。"
	}
	tpl := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	tpl.Content = append(tpl.Content, str("id"), str(a.TemplateID), str("version"), num(a.TemplateVersion))
	setKey(root, "template", tpl, 0)

	values := getKey(root, "values")
	if values == nil || values.Kind != yaml.MappingNode {
		values = &yaml.Node{Kind: yaml.MappingNode}
	}
	existing := map[string]bool{}
	kept := values.Content[:0]
	for i := 0; i+1 < len(values.Content); i += 2 {
		k, v := values.Content[i], values.Content[i+1]
		r, ok := a.values[k.Value]
		if !ok || existing[k.Value] {
			continue
		}
		existing[k.Value] = true
		kept = append(kept, k, updateValueNode(v, r))
	}
	values.Content = kept
	for _, id := range a.keys {
		if !existing[id] {
			values.Content = append(values.Content, str(id), updateValueNode(nil, a.values[id]))
		}
	}
	setKey(root, "values", values, 1)

	if len(a.omit) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, id := range sortedKeys(a.omit) {
			seq.Content = append(seq.Content, str(id))
		}
		setKey(root, "omit", seq, -1)
	} else {
		deleteKey(root, "omit")
	}
	if len(a.headings) > 0 {
		hm := &yaml.Node{Kind: yaml.MappingNode}
		for _, id := range sortedKeys(a.headings) {
			hm.Content = append(hm.Content, str(id), num(a.headings[id]+1))
		}
		setKey(root, "headings", hm, -1)
	} else {
		deleteKey(root, "headings")
	}
	if a.Previous != "" {
		setKey(root, "previous", str(a.Previous), -1)
	}
	if a.DocxTemplate != "" {
		setKey(root, "docx_template", str(a.DocxTemplate), -1)
	} else {
		deleteKey(root, "docx_template")
	}
	a.encodeSources(root)
	a.encodeFigures(root)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("生成答案文件: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("生成答案文件: %w", err)
	}
	a.doc = root
	return buf.Bytes(), nil
}

// encodeSources writes sources: for the answers that still have a
// value, in the order of values:, or drops the key when there are none.
func (a *Answers) encodeSources(root *yaml.Node) {
	sm := &yaml.Node{Kind: yaml.MappingNode}
	for _, id := range a.keys {
		s, ok := a.sources[id]
		if !ok {
			continue
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		m.Content = append(m.Content, str("from"), str(s.From))
		if s.File != "" {
			m.Content = append(m.Content, str("file"), str(s.File))
		}
		if !s.Date.IsZero() {
			// a plain date, unquoted, as a clerk would write it
			m.Content = append(m.Content, str("date"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s.Date.Format("2006-01-02")})
		}
		sm.Content = append(sm.Content, str(id), m)
	}
	if len(sm.Content) == 0 {
		deleteKey(root, "sources")
		return
	}
	setKey(root, "sources", sm, -1)
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
func num(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

// scalar picks a tag so numbers stay unquoted (年度: 2022) while text
// that YAML would misread (yes, 1e3, 0x10) is quoted.
func scalar(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if _, err := strconv.ParseInt(s, 10, 64); err == nil && (s == "0" || s[0] != '0') && !strings.HasPrefix(s, "+") {
		n.Tag = "!!int"
	}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// updateValueNode rewrites v (or a new node) to hold r, keeping v's
// comments.
func updateValueNode(v *yaml.Node, r Raw) *yaml.Node {
	var n *yaml.Node
	if r.IsList {
		n = &yaml.Node{Kind: yaml.SequenceNode}
		for _, it := range r.List {
			n.Content = append(n.Content, scalar(it))
		}
	} else {
		n = scalar(r.Text)
	}
	if v != nil {
		if v.Kind == n.Kind && v.Kind == yaml.ScalarNode && v.Value == r.Text {
			return v // unchanged: keep its style exactly
		}
		n.HeadComment, n.LineComment, n.FootComment = v.HeadComment, v.LineComment, v.FootComment
	}
	return n
}

func getKey(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// setKey replaces key's value, or inserts the pair at index at (-1: end).
func setKey(m *yaml.Node, key string, v *yaml.Node, at int) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			old := m.Content[i+1]
			if v.LineComment == "" {
				v.LineComment = old.LineComment
			}
			m.Content[i+1] = v
			return
		}
	}
	pair := []*yaml.Node{str(key), v}
	if at < 0 || 2*at >= len(m.Content) {
		m.Content = append(m.Content, pair...)
		return
	}
	m.Content = append(m.Content[:2*at], append(pair, m.Content[2*at:]...)...)
}

func deleteKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}
