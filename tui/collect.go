package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nigao/nigao/collect"
	"github.com/nigao/nigao/schema"
)

// The send page (Ctrl+T): a collection sheet for each office that
// reports figures of the template, written into a folder, with when they
// are due back and to whom.
type sendPage struct {
	c      *common
	s      *session
	sheets []collect.Sheet
	on     []bool
	dir    *editor
	due    *editor
	to     *editor
	focus  int         // 0 folder, 1 due, 2 to, then the offices
	rows   map[int]int // page row → focus index, in the last frame
}

const sendBoxes = 3 // the text boxes before the offices

func newSend(c *common, s *session) *sendPage {
	p := &sendPage{c: c, s: s, sheets: collect.Sheets(s.t, s.st.a)}
	p.on = make([]bool, len(p.sheets))
	for i := range p.on {
		p.on[i] = true
	}
	p.dir = newEditor(s.sheetDir(), false)
	p.due = newEditor("", false)
	p.to = newEditor("", false)
	return p
}

// sheetDir is where sheets go and come back: the folder last used, else
// 报送表 beside the answers file (where nigao was started, for answers
// only autosaved).
func (s *session) sheetDir() string {
	if s.collectDir != "" {
		return s.collectDir
	}
	dir := "."
	if !s.st.autosave {
		dir = filepath.Dir(s.st.path)
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Join(dir, "报送表")
}

func (p *sendPage) editorAt(i int) *editor {
	switch i {
	case 0:
		return p.dir
	case 1:
		return p.due
	case 2:
		return p.to
	}
	return nil
}

func (p *sendPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if ed := p.editorAt(p.focus); ed != nil {
			ed.insert(msg.Content)
		}
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case mouseMsg:
		if i, ok := p.rows[msg.y]; ok && msg.wheel == 0 {
			p.focus = i
			if i >= sendBoxes && msg.x >= 4 {
				i += (msg.x - 4) / sendCellWidth // the office clicked on that line
				if i-sendBoxes < len(p.on) {
					p.focus = i
					p.on[i-sendBoxes] = !p.on[i-sendBoxes]
				}
			}
		}
	}
	return p, nil
}

func (p *sendPage) key(k tea.KeyPressMsg) tea.Cmd {
	n := sendBoxes + len(p.sheets)
	switch s := k.String(); s {
	case "esc":
		p.c.close(p)
		return nil
	case "tab", "down":
		p.focus = (p.focus + 1) % n
		return nil
	case "shift+tab", "up":
		p.focus = (p.focus + n - 1) % n
		return nil
	case "enter":
		return p.run(false)
	case "ctrl+a":
		all := !allOn(p.on)
		for i := range p.on {
			p.on[i] = all
		}
		return nil
	}
	if ed := p.editorAt(p.focus); ed != nil {
		ed.handleKey(k)
	} else if s := k.String(); s == "space" || s == "x" || s == "left" || s == "right" {
		p.on[p.focus-sendBoxes] = !p.on[p.focus-sendBoxes]
	}
	return nil
}

func allOn(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return false
		}
	}
	return true
}

// run writes the sheets ticked, asking before replacing any.
func (p *sendPage) run(overwrite bool) tea.Cmd {
	var offices []string
	for i, s := range p.sheets {
		if p.on[i] {
			offices = append(offices, s.Office)
		}
	}
	if len(offices) == 0 {
		return statusCmd("请至少勾选一个部门（空格勾选，Ctrl+A 全选）", true)
	}
	dir := expandPath(cleanPath(p.dir.String()), ".")
	opt := collect.Options{Answers: p.s.st.a, To: strings.TrimSpace(p.to.String()), Today: today()}
	if p.s.prev != nil {
		opt.Previous = p.s.prev.A
	}
	if due := strings.TrimSpace(p.due.String()); due != "" {
		d, err := schema.ParseDate(due)
		if err != nil {
			p.focus = 1
			return statusCmd("报送时间："+err.Error(), true)
		}
		opt.Due = d
	}
	paths, err := collect.WriteDir(dir, p.s.t, offices, overwrite, opt)
	var exist *collect.ExistError
	if errors.As(err, &exist) {
		p.c.open(confirmDialog(p.c, "报送表已存在", append([]string{"文件夹里已经有这些表，可能是已经收回来的。覆盖吗？"}, exist.Files...),
			dialogChoice{"y", "Y 覆盖", func(string) tea.Cmd { return p.run(true) }},
			dialogChoice{"n", "N 不覆盖", nil}))
		return nil
	}
	if err != nil {
		return statusCmd("没有生成报送表："+err.Error(), true)
	}
	p.s.collectDir = dir
	p.c.close(p)
	return statusCmd(fmt.Sprintf("已生成 %d 张报送表，在 %s；收回后按 Ctrl+G 收表", len(paths), dir), false)
}

func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (p *sendPage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("Tab/↑/↓", "移动"), bind("空格", "勾选部门"), bind("Ctrl+A", "全选"), bind("Enter", "生成"), bind("Esc", "返回")}
}

// sendCellWidth is the width of an office on the page: a box, a name and
// how many figures it reports.
const sendCellWidth = 22

func (p *sendPage) view(width, height int) ([]string, *tea.Cursor) {
	st := p.c.styles
	lines := []string{st.heading.Render("发报送表"), ""}
	for _, l := range wrapText("每个部门一张 Excel 表，只有它要报的数；“本期”一列已经填了的数也写上，请对方核对。Excel、WPS、LibreOffice 都能填。", width-4) {
		lines = append(lines, "  "+st.dim.Render(l))
	}
	lines = append(lines, "")
	var cur *tea.Cursor
	p.rows = map[int]int{}
	field := func(i int, label, hint string, ed *editor) {
		label = padRight(label, strWidth("报送时间："))
		marker, style := "  ", st.input
		if p.focus == i {
			marker, style = st.focus.Render("> "), st.inputFocus
		}
		w := min(50, width-strWidth(label)-6)
		text, cx := ed.viewLine(w)
		if p.focus == i {
			cur = tea.NewCursor(2+strWidth(label)+1+cx, len(lines))
		}
		p.rows[len(lines)] = i
		lines = append(lines, marker+label+"["+style.Render(text)+"] "+st.dim.Render(hint))
	}
	field(0, "文件夹：", "", p.dir)
	field(1, "报送时间：", "如 2024-07-05，可不填", p.due)
	field(2, "报给：", "如 党政办 张三 电话，不填为单位名称", p.to)
	lines = append(lines, "", fmt.Sprintf("  部门（%d 个，勾选的出表）：", len(p.sheets)))
	columns := max(1, (width-4)/sendCellWidth)
	for i := 0; i < len(p.sheets); i += columns {
		var b strings.Builder
		b.WriteString("    ")
		for j := i; j < min(i+columns, len(p.sheets)); j++ {
			box := "[ ]"
			if p.on[j] {
				box = "[x]"
			}
			cell := padRight(fmt.Sprintf("%s %s（%d）", box, p.sheets[j].Office, len(p.sheets[j].Fields)), sendCellWidth)
			if p.focus == sendBoxes+j {
				cell = st.selected.Render(cell)
			}
			b.WriteString(cell)
		}
		p.rows[len(lines)] = sendBoxes + i
		lines = append(lines, b.String())
	}
	lines = append(lines, "", st.helpKey.Render("  Enter 生成    空格 勾选    Ctrl+A 全选/全不选    Esc 返回"))
	return fitLines(lines, width), cur
}

// takeDialog (Ctrl+G) asks for the returned sheets: a file, or a folder
// whose .xlsx files are all read. They are checked and compared with the
// answers; a sheet that cannot be taken in is reported under the input.
func takeDialog(c *common, s *session) *dialog {
	cwd, err := os.Getwd()
	if err != nil {
		cwd = "."
	}
	d := &dialog{c: c, title: "收报送表", prompt: "报送表或文件夹：", input: newEditor(s.sheetDir(), false),
		lines: []string{"收回来的报送表放在一个文件夹里，输入这个文件夹（读里面所有的 .xlsx），或者一张表的路径。",
			"先列出每一项：新增、改动、相同、冲突、无效，由你决定收哪些。"},
		help: []key.Binding{bind("", "输入或粘贴路径"), bind("Tab", "补全"), bind("Enter", "读表"), bind("Esc", "返回")}}
	d.choices = []dialogChoice{{"enter", "Enter 读表", nil}, {"esc", "Esc 返回", nil}}
	d.try = func(in string) (tea.Cmd, error) {
		paths, err := returnedSheets(in, cwd)
		if err != nil {
			return nil, err
		}
		sheets, errs := collect.ReadAll(paths)
		if len(errs) > 0 {
			return nil, fmt.Errorf("%w\n没有收：请处理上面的表（或先把它移出文件夹）再收", errors.Join(errs...))
		}
		res, err := collect.Merge(s.t, s.st.a, sheets, collect.MergeOptions{})
		if err != nil {
			return nil, fmt.Errorf("%w\n没有收：请处理上面的表再收", err)
		}
		s.collectDir = filepath.Dir(paths[0])
		c.open(newTake(c, s, res, len(paths)))
		return nil, nil
	}
	d.tab = func(in string) string { return completePath(in, cwd, []string{".xlsx"}) }
	return d
}

// returnedSheets is the .xlsx files a typed path names: the file, or
// every .xlsx in the folder.
func returnedSheets(in, cwd string) ([]string, error) {
	s := cleanPath(in)
	if s == "" {
		return nil, errors.New("请输入收回的报送表所在的文件夹，或一张表的路径")
	}
	p := expandPath(s, cwd)
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("找不到：%s", p)
	}
	if !fi.IsDir() {
		return []string{p}, nil
	}
	paths, _ := filepath.Glob(filepath.Join(p, "*.xlsx"))
	var kept []string
	for _, q := range paths {
		if !strings.HasPrefix(filepath.Base(q), "~$") { // Excel's lock file of an open workbook
			kept = append(kept, q)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("%s 里没有 .xlsx 文件", p)
	}
	return kept, nil
}

// The take page: the merge table of the returned sheets; the clerk takes
// all new values, or one value at a time (a changed one too: choosing
// it is the yes), or skips one.
type takePage struct {
	c      *common
	s      *session
	res    *collect.Result
	files  int
	state  []takeState
	sel    int
	scroll int
	lines  [][4]string
}

type takeState int

const (
	pending takeState = iota
	taken
	skipped
)

func newTake(c *common, s *session, res *collect.Result, files int) *takePage {
	return &takePage{c: c, s: s, res: res, files: files, state: make([]takeState, len(res.Changes)), lines: res.Lines(true)}
}

// takeable reports whether row i can be taken.
func (p *takePage) takeable(i int) bool {
	st := p.res.Changes[i].Status
	return p.state[i] == pending && (st == collect.New || st == collect.Changed)
}

func (p *takePage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case mouseMsg:
		if msg.wheel != 0 {
			p.move(msg.wheel)
		} else if i := msg.y - takeHeader + p.scroll; i >= 0 && i < len(p.lines) {
			p.sel = i
		}
	}
	return p, nil
}

func (p *takePage) move(d int) {
	p.sel = max(0, min(len(p.lines)-1, p.sel+d))
}

func (p *takePage) key(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "esc":
		p.c.close(p)
	case "up", "k", "shift+tab":
		p.move(-1)
	case "down", "j", "tab":
		p.move(1)
	case "pgdown":
		p.move(10)
	case "pgup":
		p.move(-10)
	case "enter", "y":
		if len(p.lines) == 0 {
			return nil
		}
		if !p.takeable(p.sel) {
			return statusCmd(p.whyNot(p.sel), true)
		}
		cmd := p.take([]int{p.sel})
		p.move(1)
		return cmd
	case "s", "delete", "n":
		if len(p.lines) > 0 && p.state[p.sel] == pending {
			p.state[p.sel] = skipped
			p.move(1)
		}
	case "a":
		return p.takeAll()
	}
	return nil
}

// whyNot says why row i cannot be taken.
func (p *takePage) whyNot(i int) string {
	switch {
	case p.state[i] == taken:
		return "这一项已经收了"
	case p.state[i] == skipped:
		return "这一项已经跳过"
	}
	switch p.res.Changes[i].Status {
	case collect.Same:
		return "和已经填的一样，不用收"
	case collect.Conflict:
		return "两张表说法不一：问清楚后在表单里填"
	}
	return "这一格填得不对，不能收：改好表再收，或在表单里填"
}

// takeAll takes every new value; when some values differ from what is
// filled in, it asks whether to take those too.
func (p *takePage) takeAll() tea.Cmd {
	var fresh, changed []int
	for i, c := range p.res.Changes {
		switch {
		case !p.takeable(i):
		case c.Status == collect.New:
			fresh = append(fresh, i)
		case c.Status == collect.Changed:
			changed = append(changed, i)
		}
	}
	if len(changed) == 0 {
		if len(fresh) == 0 {
			return statusCmd("没有可以收的新值", false)
		}
		return p.take(fresh)
	}
	p.c.open(confirmDialog(p.c, "已经填了的值",
		[]string{fmt.Sprintf("有 %d 项与已经填的值不同（表中“改动”的行：旧 → 新）。也用收回的值吗？", len(changed))},
		dialogChoice{"y", "Y 也用收回的值", func(string) tea.Cmd { return p.take(append(fresh, changed...)) }},
		dialogChoice{"n", "N 只收新增的", func(string) tea.Cmd { return p.take(fresh) }},
		dialogChoice{"esc", "Esc 返回", nil}))
	return nil
}

// take puts rows into the answers through the session.
func (p *takePage) take(rows []int) tea.Cmd {
	if len(rows) == 0 {
		return statusCmd("没有收任何值", false)
	}
	var cs []collect.Change
	for _, i := range rows {
		cs = append(cs, p.res.Changes[i])
		p.state[i] = taken
	}
	return p.s.take(cs)
}

// take puts returned values into the answers, each its own undo step,
// noting where it came from, and saves.
func (s *session) take(cs []collect.Change) tea.Cmd {
	for _, c := range cs {
		before, had := s.st.a.Get(c.Field.ID)
		s.pushUndo(undoStep{id: c.Field.ID, had: had, before: before})
		collect.Take(s.st.a, c, true, today())
	}
	s.editing = ""
	return tea.Batch(s.changedNow(), statusCmd(fmt.Sprintf("已收入 %d 项（Ctrl+Z 可以逐项撤销）", len(cs)), false))
}

func (p *takePage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("↑/↓", "选择"), bind("Enter", "收这一项"), bind("S", "跳过"), bind("A", "全部收下"), bind("Esc", "返回")}
}

// takeHeader is the rows above the table; takeDetail the rows kept
// below it for the chosen row in full.
const (
	takeHeader = 4
	takeDetail = 4
)

func (p *takePage) view(width, height int) ([]string, *tea.Cursor) {
	st := p.c.styles
	res := p.res
	lines := []string{
		st.heading.Render(fmt.Sprintf("收报送表：%d 张表", p.files)),
		"  " + fmt.Sprintf("新增 %d 项，改动 %d 项，相同 %d 项，冲突 %d 项，无效 %d 项",
			res.Count(collect.New), res.Count(collect.Changed), res.Count(collect.Same), res.Count(collect.Conflict), res.Count(collect.Invalid)),
		"",
		st.dim.Render(padRight("  状态", 10) + padRight("项目", 28) + padRight("值", 26) + "来自"),
	}
	room := max(1, height-len(lines)-takeDetail-len(res.Notes))
	p.scroll = follow(p.scroll, p.sel, p.sel, room)
	if len(p.lines) == 0 {
		lines = append(lines, "  "+st.dim.Render("表上没有填任何数"))
	}
	for i := p.scroll; i < min(len(p.lines), p.scroll+room); i++ {
		l := p.lines[i]
		status := l[0]
		style := st.plain
		switch {
		case p.state[i] == taken:
			status, style = "已收", st.ok
		case p.state[i] == skipped:
			status, style = "跳过", st.dim
		case res.Changes[i].Status == collect.Same:
			style = st.dim
		case res.Changes[i].Status == collect.Conflict || res.Changes[i].Status == collect.Invalid:
			style = st.warn
		}
		var from []string
		for _, o := range res.Changes[i].From {
			from = append(from, o.Office+" "+o.Cell)
		}
		row := padRight("  "+status, 10) + padRight(truncate(l[1], 26), 28) + padRight(truncate(l[2], 24), 26) + strings.Join(from, "、")
		if i == p.sel {
			lines = append(lines, st.selected.Render(fit(row, width)))
		} else {
			lines = append(lines, style.Render(row))
		}
	}
	// the chosen row in full: its value, its file and cell, and why
	if len(p.lines) > 0 {
		lines = append(lines, "")
		l := p.lines[p.sel]
		for _, w := range wrapText(l[1]+"："+l[2]+"  "+l[3], width-4) {
			lines = append(lines, "  "+st.dim.Render(w))
		}
	}
	for _, n := range res.Notes {
		lines = append(lines, "  "+st.warn.Render("注意："+n))
	}
	return fitLines(lines, width), nil
}
