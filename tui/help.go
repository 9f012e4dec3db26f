package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The help page: every key, built from the key map.
type helpPage struct {
	c      *common
	scroll int
}

func newHelp(c *common) *helpPage { return &helpPage{c: c} }

func (h *helpPage) modal() {}

// update scrolls; Ctrl+C quits as anywhere, any other key closes the page.
func (h *helpPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch msg.String() {
		case "up", "k":
			h.scroll = max(0, h.scroll-1)
		case "down", "j":
			h.scroll++
		case "pgup":
			h.scroll = max(0, h.scroll-10)
		case "pgdown":
			h.scroll += 10
		case "ctrl+c":
			h.c.send(askQuitMsg{})
		default:
			h.c.close(h)
		}
	case mouseMsg:
		h.scroll = max(0, h.scroll+msg.wheel*wheelStep)
	}
	return h, nil
}

func (h *helpPage) shortHelp(int) []key.Binding {
	return []key.Binding{bind("↑/↓", "翻看"), bind("", "任意键返回")}
}

// fullHelp is every key of the wizard, as the help page shows it (and
// docs/wizard.md).
func (k keyMap) fullHelp() []struct {
	title string
	keys  []key.Binding
} {
	b := bind
	return []struct {
		title string
		keys  []key.Binding
	}{
		{"填写", []key.Binding{
			k.Next, k.Prev, k.Enter, k.NextSection, k.PrevSec, k.Unfold, k.Fold,
			b("←/→ Home/End", "在文字中移动"),
			b("Backspace/Delete", "删除字符；Ctrl+U 删到行首，Ctrl+K 删到行尾，Ctrl+W 删一个词"),
			b("Ctrl+N", "标为“不适用”（这一句不写进稿子）"),
			k.Toggle, k.Omit, k.Undo, k.Redo, k.Rename,
		}},
		{"列表（每条一句）", []key.Binding{
			b("Enter", "新增一条（在空的最后一条上按 Enter 离开列表）"),
			k.ItemUp, k.ItemDown, k.ItemDelete,
			b("Backspace", "在空的一条上：删除这一条"),
			b("粘贴多行", "每行成为一条"),
		}},
		{"多行文字", []key.Binding{
			b("Enter", "换行"),
			b("↑/↓", "在行间移动，到第一行/最后一行时离开"),
		}},
		{"自己加的数字", []key.Binding{
			b("Enter", "在“＋ 加一句带数字的话”上：输入句子，Enter 找出数字，核对名称、单位、类型后 Enter 加入"),
			b("←/→", "在“加一句带数字的话”里：换类型，选“后面写同比”"),
			b("F3", "在自己加的数字上：改它所在的那句话（名称、单位、类型、同比照旧，可再改）"),
			b("Ctrl+X", "在自己加的数字上：删除它所在的那句话（先问）"),
		}},
		{"全局", []key.Binding{k.Save, k.Review, k.Find, k.Preview, k.Export, k.Send, k.Take, b("F1 或 ?", "帮助（在文字框中 ? 是字符，请用 F1）"), b("Esc / Ctrl+C", "退出（有没保存的内容时先询问）；在对话框、检查和导出页中 Esc 是返回")}},
		{"鼠标", []key.Binding{
			b("点击", "左边大纲里的部分名：打开这一部分（点 +/- 展开或收起）；一个字段：到这一项，点在文字上光标就在那里；选项：选中它"),
			b("再点一下", "选模板、检查、查找页：点一下选中，再点一下打开或跳过去填"),
			b("滚轮", "滚动字段或预览；按任意键回到正在填的字段"),
			b("Shift+拖动", "选中屏幕上的文字复制（启动时加 --no-mouse 则直接拖动）"),
		}},
		{"说明", []key.Binding{
			b("保存", "每填完一项（离开时）、或停止输入片刻，答案就原子地存盘；用 -a 指定的答案文件直接保存，否则存在用户配置目录的 nigao/autosave 中，下次打开时提示接着填"),
			b("中文输入", "光标是终端的真实光标，拼音输入法的候选框跟着它走"),
		}},
	}
}

func (h *helpPage) view(width, height int) ([]string, *tea.Cursor) {
	st := h.c.styles
	cols := 1
	if width >= 100 {
		cols = 2
	}
	colW := (width - 2*(cols-1)) / cols
	var blocks [][]string
	for _, s := range h.c.keys.fullHelp() {
		block := []string{st.title.Render(s.title)}
		for _, b := range s.keys {
			hk := b.Help()
			kw := 16
			desc := wrapText(hk.Desc, max(10, colW-kw-3))
			for i, d := range desc {
				k := ""
				if i == 0 {
					k = hk.Key
				}
				block = append(block, " "+st.helpKey.Render(padRight(k, kw))+" "+d)
			}
		}
		blocks = append(blocks, append(block, ""))
	}
	// fill the columns in order, each about half of the lines
	total := 0
	for _, b := range blocks {
		total += len(b)
	}
	columns := make([][]string, cols)
	c := 0
	for _, b := range blocks {
		if c < cols-1 && len(columns[c]) > 0 && len(columns[c])+len(b) > (total+cols-1)/cols {
			c++
		}
		columns[c] = append(columns[c], b...)
	}
	lines := []string{st.heading.Render("按键说明"), ""}
	rows := 0
	for _, col := range columns {
		rows = max(rows, len(col))
	}
	for i := 0; i < rows; i++ {
		var l string
		for j, col := range columns {
			if j > 0 {
				l += "  "
			}
			l += fit(lineAt(col, i), colW)
		}
		lines = append(lines, l)
	}
	h.scroll = min(h.scroll, max(0, len(lines)-height))
	lines = lines[h.scroll:]
	return fitLines(lines, width), nil
}
