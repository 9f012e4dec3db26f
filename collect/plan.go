// Package collect makes the collection sheets a clerk sends to the
// offices that report a template's figures (one .xlsx per office), and
// reads the returned sheets back into the answers: checked, compared
// with what is already there, and taken only as the clerk says.
package collect

import (
	"strings"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
)

// A Sheet is what one office is asked for.
type Sheet struct {
	Office string
	Fields []*schema.Field // the entered fields it reports, in template order
}

// Office is who reports f: the from: of the field or of its parts, else
// the id of its first-level part (one sheet per part when a template
// names no offices).
func Office(f *schema.Field) string {
	if o := f.ReportedBy(); o != "" {
		return o
	}
	p := f.Part
	for p != nil && p.Parent != nil {
		p = p.Parent
	}
	if p == nil {
		return ""
	}
	return p.ID
}

// Sheets splits the template's fields by office, offices in the order
// their first field comes. Info fields (单位, 年度 …) are the clerk's own,
// computed fields are computed, and parts the answers leave out are not
// asked for.
func Sheets(t *schema.Template, a *schema.Answers) []Sheet {
	var out []Sheet
	at := map[string]int{}
	for _, f := range t.Fields() {
		if f.Part == nil || f.Computed() || omitted(f.Part, a) {
			continue
		}
		o := Office(f)
		i, ok := at[o]
		if !ok {
			i = len(out)
			at[o] = i
			out = append(out, Sheet{Office: o})
		}
		out[i].Fields = append(out[i].Fields, f)
	}
	return out
}

func omitted(p *schema.Part, a *schema.Answers) bool {
	if a == nil {
		return false
	}
	for ; p != nil; p = p.Parent {
		if a.Omitted(p.ID) {
			return true
		}
	}
	return false
}

// ReportName is the report a sheet is for, without the unit's name:
// 2024年上半年工作总结 (from the title and the answers' 年度); the
// template's name while the title still lacks figures.
func ReportName(t *schema.Template, a *schema.Answers) string {
	title := render.Build(t.Evaluate(a)).Title
	if strings.Contains(title, "【") {
		return t.Name
	}
	if a != nil {
		if r, ok := a.Get("单位"); ok {
			title = strings.TrimPrefix(title, strings.TrimSpace(r.Text))
		}
	}
	if title == "" {
		return t.Name
	}
	return title
}

// FileName is the name of an office's sheet: 安监站-2024年上半年工作总结-报送表.xlsx,
// with what a file name cannot hold replaced.
func FileName(office, report string) string {
	return fileSafe.Replace(office+"-"+report) + "-报送表.xlsx"
}

var fileSafe = strings.NewReplacer("/", "／", `\`, "＼", ":", "：", "*", "＊", "?", "？", `"`, "＂", "<", "＜", ">", "＞", "|", "｜", "\n", "", "\r", "", "\t", " ")
