package render

import (
	"strings"
	"unicode/utf8"
)

// titleWidth is how many 2号 characters a title line holds on the
// GB/T 9704 page (156 mm of text width at 22 pt is 20 characters), less
// one: a line Word would fill to the last character may still wrap.
const titleWidth = 19

// titleLines breaks a title too long for one line where GB/T 9704 asks
// (7.3.1: 回行时要做到词意完整，排列对称): into as few lines as fit, at the
// seams of the title (before 和/及/与, around a year, after 关于, 的 or a
// unit's name) if that can be done, else between any two characters but
// never inside a number or before punctuation; of the ways that fit, the
// one whose lines are most even. Left to Word, 南江县医疗保障局2023年工作
// 总结和2024年工作计划 broke as “…和2024 / 年工作计划”.
func titleLines(title string) []string {
	rs := []rune(title)
	if emWidth(rs) <= titleWidth || strings.Contains(title, "\n") || !utf8.ValidString(title) {
		return []string{title} // short, or broken by the template already
	}
	for _, seams := range []int{strongSeam, weakSeam, anyBreak} {
		if cuts := titleCuts(rs, seams); cuts != nil {
			var lines []string
			from := 0
			for _, c := range append(cuts, len(rs)) {
				lines = append(lines, string(rs[from:c]))
				from = c
			}
			return lines
		}
	}
	return []string{title} // no place to break (one long number)
}

// titleCuts finds where to break rs into the fewest lines that fit, the
// most even of those, breaking only at seams as strong as seams or
// stronger; nil when there is no way.
func titleCuts(rs []rune, seams int) []int {
	n := len(rs)
	type way struct {
		lines    int
		min, max float64
		prev     int
		ok       bool
	}
	// best[j]: the best way to set rs[:j] in whole lines
	best := make([]way, n+1)
	best[0] = way{ok: true, min: 1e9}
	for j := 1; j <= n; j++ {
		if j < n && (!titleBreak(rs, j) || titleSeam(rs, j) < seams) {
			continue
		}
		for i := j - 1; i >= 0; i-- {
			w := emWidth(rs[i:j])
			if w > titleWidth {
				break
			}
			if !best[i].ok {
				continue
			}
			c := way{lines: best[i].lines + 1, min: min(best[i].min, w), max: max(best[i].max, w), prev: i, ok: true}
			b := best[j]
			if !b.ok || c.lines < b.lines || c.lines == b.lines && c.max-c.min < b.max-b.min {
				best[j] = c
			}
		}
	}
	if !best[n].ok {
		return nil
	}
	var cuts []int
	for j := best[n].prev; j > 0; j = best[j].prev {
		cuts = append([]int{j}, cuts...)
	}
	return cuts
}

// How well a title breaks at a place.
const (
	anyBreak   = iota // between two characters: may split a word
	weakSeam          // after 年 or 的: inside a phrase (2024年 / 工作总结)
	strongSeam        // where the title's parts meet
)

// titleSeam says how well a title breaks before rs[i]: strong before 和,
// 及, 与 or 暨, before a number (a year), after 关于 or the end of a
// unit's name (局, 委员会, 政府, 办事处, 街道, 镇, 乡); weak after 年 or 的.
func titleSeam(rs []rune, i int) int {
	prev, next := rs[i-1], rs[i]
	switch {
	case strings.ContainsRune("和及与暨", next) || isDigit(next):
		return strongSeam
	case strings.ContainsRune("局会府处镇乡", prev):
		return strongSeam
	case i >= 2 && (string(rs[i-2:i]) == "关于" || string(rs[i-2:i]) == "街道"):
		return strongSeam
	case prev == '年' || prev == '的':
		return weakSeam
	}
	return anyBreak
}

// titleBreak reports whether a title may break before rs[i]: not inside a
// number or right after one (2024 / 年), not before closing punctuation
// or after an opening bracket or quote.
func titleBreak(rs []rune, i int) bool {
	prev, next := rs[i-1], rs[i]
	switch {
	case isDigit(prev) || prev == '.' && isDigit(next):
		return false
	case strings.ContainsRune("，。、；：！？）》”’」』〕】%％·…", next):
		return false
	case strings.ContainsRune("（《“‘「『〔【", prev):
		return false
	}
	return !(isLatin(prev) && isLatin(next))
}

// emWidth is rs's width in 2号 characters, erring wide: Latin letters
// and digits take about 0.6 in the fonts a title falls back to, and Word
// and WPS put a quarter space between them and Chinese.
func emWidth(rs []rune) float64 {
	w := 0.0
	for i, r := range rs {
		if r < utf8.RuneSelf {
			w += 0.6
		} else {
			w++
		}
		if i > 0 && (r < utf8.RuneSelf) != (rs[i-1] < utf8.RuneSelf) {
			w += 0.25
		}
	}
	return w
}
