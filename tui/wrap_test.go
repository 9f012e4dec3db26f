package tui

import (
	"strings"
	"testing"
)

// Lines break between words, not inside a phrase of Latin letters or
// digits and what it is written with (每行 28 字, nigao render, Shift+Tab),
// and the space a line breaks at is not shown.
func TestWrapWords(t *testing.T) {
	saveAs := "把填写的内容存为答案文件，以后可以用 nigao fill -a 文件名 接着填，或用 nigao render 生成稿子。"
	preview := "全文预览：从标题到落款通读一遍，每行 28 字"
	for _, tc := range []struct {
		s     string
		width int
		want  []string
	}{
		{preview, 40, []string{"全文预览：从标题到落款通读一遍，每", "行 28 字"}},
		{preview, 36, []string{"全文预览：从标题到落款通读一遍，每", "行 28 字"}},
		{preview, 42, []string{preview}},
		{saveAs, 76, []string{"把填写的内容存为答案文件，以后可以用 nigao fill -a 文件名 接着填，或", "用 nigao render 生成稿子。"}},
		{saveAs, 40, []string{"把填写的内容存为答案文件，以后可以", "用 nigao fill -a 文件名 接着填，或", "用 nigao render 生成稿子。"}},
		{"按 Shift+Tab 回到上一项", 10, []string{"按", "Shift+Tab", "回到上一项"}},
		{"按 Shift+Tab 回到上一项", 14, []string{"按 Shift+Tab", "回到上一项"}},
		{"Press Shift+Tab to go back to the previous field", 24, []string{"Press Shift+Tab to go", "back to the previous", "field"}},
		{"配置在 ~/.config/nigao/templates 里", 26, []string{"配置在", "~/.config/nigao/templates", "里"}},
	} {
		got := wrapText(tc.s, tc.width)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("wrapText(%q, %d):\n got %q\nwant %q", tc.s, tc.width, got, tc.want)
		}
		for _, l := range got {
			if strWidth(l) > tc.width || strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
				t.Errorf("wrapText(%q, %d): line %q", tc.s, tc.width, l)
			}
		}
	}
}
