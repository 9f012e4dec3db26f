package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

func runRender(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("render", "render -t 模板 -a 答案文件 [-o 输出文件] [选项]",
		`按答案文件生成稿子。输出格式由 -o 的扩展名决定（.md、.txt、.docx），
也可以用 --format 指定；-o - 或不写 -o 时输出到屏幕（Markdown）。
缺少的数据在稿子里显示为【待填:名称】，并在屏幕上逐项列出。`, stderr)
	tpl := fs.String("t", "", "模板：内置模板 id 或模板文件路径（必填）")
	ans := fs.String("a", "", "答案文件（YAML）；不写则生成空白稿")
	out := fs.String("o", "-", "输出文件；- 表示屏幕")
	format := fs.String("format", "", "输出格式：md、txt 或 docx（默认看 -o 的扩展名）")
	strict := fs.Bool("strict", false, "有缺少的数据时失败（退出码 1）")
	docxTpl := fs.String("docx-template", "", "自己的 Word 模板（红头等），含 {{正文}} 占位符；不写时用答案文件的 docx_template")
	prev := fs.String("previous", "", "上年（上期）的答案文件，用于“同比”")
	quiet := fs.Bool("q", false, "安静：不列出缺少的数据和提示（错误照常报告）")
	force := fs.Bool("force", false, "答案文件是别的模板的也照样生成")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("render 不接受多余的参数：%s", strings.Join(rest, " "))
	}
	if *tpl == "" {
		return usagef("请用 -t 指定模板（nigao templates 查看可用模板）")
	}
	kind, err := outputFormat(*out, *format)
	if err != nil {
		return err
	}
	if *docxTpl != "" && kind != "docx" {
		return usagef("--docx-template 只用于 Word 输出（-o 文件名.docx）")
	}
	// The answers are read while the template loads: on two cores that
	// hides most of parsing their YAML, which takes longer than loading a
	// built-in template; the Word template is opened meanwhile.
	inputs := make(chan renderInputs, 1)
	go func() { inputs <- readRenderInputs(*ans, *prev) }()
	set, err := templates.Open(nil)
	if err != nil {
		return err
	}
	t, err := set.Load(*tpl)
	if err != nil {
		return err
	}
	var docxOpt render.DocxOptions
	if kind == "docx" {
		if docxOpt, err = openDocx(*docxTpl); err != nil {
			return err
		}
	}
	in := <-inputs
	if in.err != nil {
		return in.err
	}
	a := in.answers
	if a != nil && !*force {
		if err := a.ForTemplate(t, *ans); err != nil {
			return err
		}
	}
	if kind == "docx" && *docxTpl == "" && a != nil {
		// the letterhead the answers name (the wizard writes it there)
		if p := a.DocxTemplateFile(*ans); p != "" {
			if docxOpt, err = openDocx(p); err != nil {
				return fmt.Errorf("%s 的 docx_template: %w", *ans, err)
			}
		}
	}
	if a == nil {
		a = schema.NewAnswers(t)
	} else if !*quiet {
		for _, w := range a.Check(t) {
			fmt.Fprintln(stderr, "提示:", w)
		}
	}
	vs := t.Evaluate(a)
	if in.previous != nil {
		vs.Prev = t.Evaluate(in.previous)
	}
	doc := render.BuildValues(vs, a)

	write := func(w io.Writer) error {
		switch kind {
		case "md":
			return render.WriteMarkdown(w, doc)
		case "txt":
			return render.WriteText(w, doc)
		}
		return render.WriteDocx(w, doc, docxOpt)
	}
	if *out == "-" {
		if kind == "docx" {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				return err
			}
			if _, err := stdout.Write(buf.Bytes()); err != nil {
				return err
			}
		} else if err := write(stdout); err != nil {
			return err
		}
	} else if err := atomicfile.Write(*out, 0o644, write); err != nil {
		return err
	}
	if len(doc.Missing) > 0 && !*quiet {
		reportMissing(stderr, t, doc.Missing)
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
	answers  *schema.Answers // nil: none given
	previous *schema.Answers // last period's, if any
	err      error
}

// readRenderInputs reads the answers file and last period's answers
// (named by prev, or by the answers file); each is optional. It needs no
// template, so it runs beside loading one.
func readRenderInputs(ans, prev string) (in renderInputs) {
	if ans != "" {
		if in.answers, in.err = schema.LoadAnswersFile(ans); in.err != nil {
			return in
		}
		if prev == "" {
			prev = in.answers.PreviousFile(ans)
		}
	}
	if prev != "" {
		var err error
		if in.previous, err = schema.LoadAnswersFile(prev); err != nil {
			in.err = fmt.Errorf("上年答案: %w", err)
		}
	}
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

// outputFormat picks md, txt or docx from --format or the file name.
func outputFormat(out, format string) (string, error) {
	f := strings.ToLower(strings.TrimPrefix(format, "."))
	if f == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".docx":
			f = "docx"
		case ".txt":
			f = "txt"
		case ".md", ".markdown", "":
			f = "md"
		default:
			return "", usagef("不认识输出文件的扩展名“%s”：请用 .md、.txt 或 .docx，或用 --format 指定", filepath.Ext(out))
		}
	}
	switch f {
	case "md", "markdown":
		return "md", nil
	case "txt", "text":
		return "txt", nil
	case "docx", "word":
		return "docx", nil
	}
	return "", usagef("不支持的格式“%s”：可用 md、txt、docx", format)
}

// reportMissing lists the missing figures by section, as a clerk chases
// them office by office.
func reportMissing(w io.Writer, t *schema.Template, missing []render.Missing) {
	fmt.Fprintf(w, "缺少 %d 项数据：\n", len(missing))
	for _, m := range missing {
		where := "基本信息"
		if p := t.Part(m.Section); p != nil {
			where = p.Heading(0).Src
		}
		if m.Heading != "" && m.Heading != where {
			where += " › " + m.Heading
		}
		label := m.Label
		if m.Field != "" && m.Field != m.Label {
			label += "（" + m.Field + "）"
		}
		fmt.Fprintf(w, "  %s：%s\n", where, label)
	}
}
