package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

func runRender(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", "render -t 模板 -a 答案文件 [-o 输出文件] [选项]",
		`按答案文件生成稿子。输出格式由 -o 的扩展名决定（.md、.txt、.docx），
也可以用 --format 指定；-o - 或不写 -o 时输出到屏幕（Markdown）。
缺少的数据在稿子里显示为【待填:名称】，并在屏幕上逐项列出。`, stderr)
	tpl := fs.String("t", "", "模板：内置模板 id 或模板文件路径（不写时用答案文件的 template:）")
	ans := fs.String("a", "", "答案文件（YAML）；不写则生成空白稿")
	out := fs.String("o", "-", "输出文件；- 表示屏幕")
	format := fs.String("format", "", "输出格式：md、txt 或 docx（默认看 -o 的扩展名）")
	strict := fs.Bool("strict", false, "有缺少的数据时失败（退出码 1）")
	docxTpl := fs.String("docx-template", "", "自己的 Word 模板（红头等），含 {{正文}} 占位符；不写时用答案文件的 docx_template")
	prev := fs.String("previous", "", "上年（上期）的答案文件，用于“同比”")
	quiet := fs.Bool("q", false, "安静：不列出缺少的数据和提示（错误照常报告）")
	force := fs.Bool("force", false, "答案文件是别的模板的也照样生成；输出文件已存在（又不是这份答案上次生成、没改过的稿子）也覆盖")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("render 不接受多余的参数：%s", strings.Join(rest, " "))
	}
	if *tpl == "" && *ans == "" {
		return usagef("请用 -t 指定模板（nigao templates 查看可用模板）")
	}
	kind, err := outputFormat(*out, *format)
	if err != nil {
		return err
	}
	word := kind.Name == render.Docx.Name
	if *docxTpl != "" && !word {
		return usagef("--docx-template 只用于 Word 输出（-o 文件名.docx）")
	}
	// The answers are read while the template loads: on two cores that
	// hides most of parsing their YAML, which takes longer than loading a
	// built-in template; the Word template is opened meanwhile.
	inputs := make(chan renderInputs, 1)
	go func() { inputs <- readRenderInputs(*ans, schema.Given{Previous: *prev, Letterhead: *docxTpl}) }()
	var in renderInputs
	read := false
	if *tpl == "" {
		// the template the answers name, as the wizard does with -a alone
		in, read = <-inputs, true
		if in.err != nil {
			return in.err
		}
		if in.answers.TemplateID == "" {
			return usagef("答案文件 %s 没有写 template:（用哪个模板），请用 -t 指定模板", *ans)
		}
		*tpl = in.answers.TemplateID
	}
	set, err := templates.Open(nil)
	if err != nil {
		return err
	}
	load := set.Load
	if read {
		load = func(ref string) (*schema.Template, error) { return set.LoadFor(ref, *ans) }
	}
	t, err := load(*tpl)
	if err != nil {
		return err
	}
	var docxOpt render.DocxOptions
	if word {
		if docxOpt, err = openDocx(*docxTpl); err != nil {
			return err
		}
	}
	if !read {
		in = <-inputs
	}
	if in.err != nil {
		return in.err
	}
	if in.answers != nil && !*force {
		if err := in.answers.ForTemplate(t, *ans); err != nil {
			return err
		}
	}
	// the clerk's own figures (figures:) are fields of the template from here on
	if t, err = schema.WithFigures(t, in.answers); err != nil {
		return err
	}
	letterhead := *docxTpl
	if word && *docxTpl == "" && in.Letterhead != "" {
		// the letterhead the answers name (the wizard writes it there)
		letterhead = in.Letterhead
		if docxOpt, err = openDocx(in.Letterhead); err != nil {
			return fmt.Errorf("%s 的 docx_template: %w", *ans, err)
		}
	}
	source := draftSource(*ans, *tpl)
	if *out != "-" {
		ins := []input{{"答案文件", *ans}, {"模板", t.Source}, {"上年答案", in.PreviousFile}, {"Word 模板", letterhead}}
		for _, f := range set.Lib.Files() {
			ins = append(ins, input{"章节库文件", f})
		}
		if err := notAnInput(*out, ins); err != nil {
			return err
		}
		if !*force {
			if err := mayReplace(*out, source); err != nil {
				return err
			}
		}
	}
	if in.answers != nil && !*quiet {
		for _, w := range in.answers.Check(t) {
			fmt.Fprintln(stderr, "提示:", w)
		}
	}
	vs := t.Evaluate(in.answers)
	if in.Previous != nil {
		vs.Prev = t.Evaluate(in.Previous)
	}
	if in.answers != nil && !*quiet {
		for _, c := range vs.Hints() {
			fmt.Fprintln(stderr, "提示:", schema.Visible(c.Pos.String()+": "+c.Msg))
		}
	}
	// what was filled in but is not written is found in the same pass
	var doc *render.Document
	var unwritten []render.Unwritten
	if in.answers != nil && !*quiet {
		doc, unwritten = render.BuildExplained(vs)
	} else {
		doc = render.Build(vs)
	}

	if *out == "-" {
		// a Word document is written whole or not at all
		if err := kind.Write(stdout, doc, docxOpt); err != nil {
			return err
		}
	} else if err := kind.WriteFile(*out, doc, docxOpt); err != nil {
		return err
	} else {
		recordDraft(*out, source)
	}
	if len(doc.Missing) > 0 && !*quiet {
		reportMissing(stderr, vs, doc)
	}
	if err := vs.BudgetErr(); err != nil {
		// a condition that ran out is taken as false: say so even with -q
		fmt.Fprintf(stderr, "提示: %s：有的数字没有算出，有的条件按“不成立”处理，稿子可能不完整\n", err)
		if *strict {
			return fmt.Errorf("%s（--strict）", err)
		}
	}
	reportUnwritten(stderr, vs, unwritten)
	if !*quiet && len(doc.Paras) == 0 {
		reportNoBody(stderr, vs)
	}
	if *strict && len(doc.Missing) > 0 {
		return fmt.Errorf("缺少 %d 项数据（--strict）", len(doc.Missing))
	}
	if *out != "-" && !*quiet {
		fmt.Fprintf(stderr, "已生成 %s\n", *out)
	}
	return nil
}

// renderInputs are the answers render reads besides the template.
type renderInputs struct {
	answers *schema.Answers // nil: none given
	schema.Companions
	err error
}

// readRenderInputs reads the answers file, if one is given, and what goes
// with it. It needs no template, so it runs beside loading one.
func readRenderInputs(ans string, given schema.Given) (in renderInputs) {
	if ans != "" {
		if in.answers, in.err = schema.LoadAnswersFile(ans); in.err != nil {
			return in
		}
	}
	in.Companions, in.err = schema.ResolveCompanions(in.answers, ans, given)
	return in
}

// openDocx opens the clerk's Word template, or the built-in one when path
// is empty. A letterhead is checked in full (a missing {{正文}} included)
// before anything is written.
func openDocx(path string) (render.DocxOptions, error) {
	if path != "" {
		return render.ReadDocxTemplate(path)
	}
	return render.DocxOptions{}, render.PrepareBuiltinDocx()
}

// outputFormat picks the format from --format, else from the extension
// of the output file (none, or the screen: Markdown).
func outputFormat(out, format string) (render.Format, error) {
	if format != "" {
		f, ok := render.LookupFormat(strings.TrimPrefix(format, "."))
		if !ok {
			return f, usagef("不支持的格式“%s”：可用 md、txt、docx", format)
		}
		return f, nil
	}
	ext := filepath.Ext(out)
	if ext == "" {
		return render.Markdown, nil
	}
	f, ok := render.LookupFormat(ext)
	if !ok {
		return f, usagef("不认识输出文件的扩展名“%s”：请用 .md、.txt 或 .docx，或用 --format 指定", ext)
	}
	return f, nil
}

// reportMissing lists the missing figures by section, as a clerk chases
// them office by office, each under the headings the draft gives its
// part (一、2022年工作总结 › （三）安全生产).
func reportMissing(w io.Writer, vs *schema.Values, doc *render.Document) {
	fmt.Fprintf(w, "缺少 %d 项数据：\n", len(doc.Missing))
	for _, m := range doc.Missing {
		label := m.Label
		if m.Field != "" && m.Field != m.Label && !strings.HasPrefix(m.Label, m.Field+"：") {
			label += "（" + m.Field + "）"
		}
		fmt.Fprintf(w, "  %s：%s\n", where(render.Path(vs, doc, vs.T.Part(m.Part))), label)
	}
}

// reportUnwritten lists the figures filled in that the draft does not
// write, and why: a 6 typed for 给予党纪政务处分 must not vanish unnoticed.
func reportUnwritten(w io.Writer, vs *schema.Values, un []render.Unwritten) {
	if len(un) == 0 {
		return
	}
	fmt.Fprintf(w, "填了但没写进稿子的 %d 项：\n", len(un))
	for _, g := range render.GroupUnwritten(un) {
		u := g[0]
		f := vs.T.Field(u.Field)
		if len(g) == 1 {
			fmt.Fprintf(w, "  %s：%s（填的是 %s）——%s\n", where(u.Path), f.Label, vs.Value(u.Field).Text, u.Reason)
			continue
		}
		fmt.Fprintf(w, "  %s：%s（填的是 %s）等 %d 项——%s\n", where(u.OutPath), f.Label, vs.Value(u.Field).Text, len(g), u.Reason)
	}
}

// where names a place in the draft by its headings; none is 基本信息.
func where(path []string) string {
	if len(path) == 0 {
		return "基本信息"
	}
	return strings.Join(path, " › ")
}

// reportNoBody tells why each part is not in a draft with no body: one
// of a title and a signature is written without a word otherwise (a
// template of optional parts, none filled in yet).
func reportNoBody(w io.Writer, vs *schema.Values) {
	fmt.Fprintln(w, "提示: 稿子没有正文，各部分都不写入：")
	for _, p := range vs.T.Sections {
		why := render.LeftOut(vs, p)
		if why == "" {
			why = "没有要写的内容"
		}
		fmt.Fprintln(w, "  "+render.HeadingName(vs, p)+"："+why)
	}
}
