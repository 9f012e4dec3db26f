package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/importer"
	"github.com/nigao/nigao/inputfile"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
	"github.com/nigao/nigao/tui"
)

// runFill is `nigao fill [-t 模板] [-a 答案文件] [-o 输出文件]`.
func runFill(args []string, stdout, stderr io.Writer) error {
	return startWizard(args, stdout, stderr)
}

// startWizard opens the terminal wizard; bare `nigao` calls it with no
// arguments (the picker, the default template first).
func startWizard(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fill", "fill [-t 模板] [-a 答案文件] [-o 输出文件]",
		`打开填写向导：一部分一部分地填，旁边实时显示稿子；填完导出 Word 或 Markdown。
不写 -t 时先选模板。用 -a 时从这个答案文件接着填，每改一项都存回去；
不用 -a 时自动保存在用户配置目录（nigao/autosave）中，下次打开会提示接着填。`, stderr)
	tpl := fs.String("t", "", "模板：内置模板 id 或模板文件路径（不写则先选择）")
	ans := fs.String("a", "", "答案文件（YAML）：有则接着填，没有则新建；每次修改都保存到这里")
	out := fs.String("o", "", "导出时默认的文件名（扩展名 .docx、.md 或 .txt 决定格式）")
	prev := fs.String("previous", "", "上年（上期）的答案文件：字段旁显示上年的数，“同比”可以算出")
	docxTpl := fs.String("docx-template", "", "导出 Word 时套用的信纸模板（自己的 .docx，里面写 {{正文}}）；导出页里也可以改")
	noMouse := fs.Bool("no-mouse", false, "不用鼠标点选（鼠标留给终端，直接拖动就能选中文字复制）")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("fill 不接受多余的参数：%s", strings.Join(rest, " "))
	}
	if *docxTpl != "" {
		// a letterhead that will not open is better said now than at export
		if _, err := render.ReadDocxTemplate(*docxTpl); err != nil {
			return err
		}
	}
	if !term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd()) {
		return errors.New("填写向导需要在终端（命令行窗口）中运行，现在的输入或输出不是终端。\n" +
			"  不用向导、直接按答案文件生成稿子：nigao render -t 模板 -a 答案文件 -o 稿子.docx")
	}
	m, err := tui.New(wizardOptions(tui.Options{Template: *tpl, AnswersPath: *ans, Out: *out, Previous: *prev, DocxTemplate: *docxTpl, NoMouse: *noMouse}))
	if err != nil {
		return err
	}
	if _, err := tea.NewProgram(m).Run(); err != nil {
		return fmt.Errorf("向导出错：%w", err)
	}
	return m.Err()
}

// wizardOptions adds the picker's actions: importing a report into the
// user template folder (templates.UserDirs()[0]).
func wizardOptions(opt tui.Options) tui.Options {
	if dirs := templates.UserDirs(); len(dirs) > 0 {
		keep := opt.AutosaveDir
		if keep == "" {
			keep, _ = tui.AutosaveDir()
		}
		opt.PickerActions = append(opt.PickerActions, importAction(dirs[0], keep))
	}
	return opt
}

// importExts are the report files the wizard's import offers (what
// importer reads; any other extension is refused with advice).
var importExts = []string{".docx", ".txt", ".md", ".markdown", ".text"}

// importAction is the picker's 从往年报告导入: nigao import inside the
// wizard. The template goes into tplDir (the user template folder, so the
// picker lists it from now on) under a free name; the report's figures
// open in the form (saved to the autosave in keepDir), and a copy of them
// is kept beside it (tui.PreviousPath), shown by the fields as 上年.
func importAction(tplDir, keepDir string) tui.PickerAction {
	return tui.PickerAction{
		Label:       "从往年报告导入",
		Description: "选一份往年的报告（.docx、.txt、.md），按它的结构和文字生成模板，原来的数字填进表单",
		Ask: &tui.FilePrompt{
			Title: "从往年报告导入",
			Lines: []string{
				"输入或粘贴往年报告的文件路径：Word（.docx）、纯文本（.txt，从网页复制的也行）或 Markdown（.md）。",
				"报告的结构和文字成为新模板，数字成为要填的项，原来的数字先填在表单里，改成今年的即可。",
			},
			Prompt: "报告文件：",
			Exts:   importExts,
			OK:     "导入",
		},
		Run: func(set *templates.Set, path string) (*tui.ActionResult, error) {
			return importReport(set, path, tplDir, keepDir)
		},
	}
}

func importReport(set *templates.Set, path, tplDir, keepDir string) (*tui.ActionResult, error) {
	if err := importableFormat(path); err != nil {
		return nil, err
	}
	data, err := inputfile.Read(path, "报告", importer.MaxInput)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	res, err := importer.ImportChecked(name, data, &importer.Options{Taken: takenIn(set, tplDir, keepDir)}, set.Lib)
	if err != nil {
		return nil, err
	}
	id := res.Template.ID
	tplPath := filepath.Join(tplDir, id+".yaml")
	if err := os.MkdirAll(tplDir, 0o755); err != nil {
		return nil, fileerr.Explain(fileerr.MakeDir, "模板文件夹", tplDir, err)
	}
	if err := atomicfile.WriteFile(tplPath, res.Result.Template, 0o644); err != nil {
		return nil, fmt.Errorf("保存模板：%w", err)
	}
	res.Template.Source = tplPath // where F2 writes a field's new name
	prev := ""
	if keepDir != "" {
		prev = tui.PreviousPath(keepDir, id)
		if err := os.MkdirAll(keepDir, 0o755); err == nil {
			err = atomicfile.WriteFile(prev, res.Result.Answers, 0o644)
		}
		if err != nil {
			prev = ""
		}
	}
	return &tui.ActionResult{Template: res.Template, Answers: res.Answers,
		Title: "已导入：" + name, Summary: importSummary(res.Template, res.Result.Report, tplPath, prev)}, nil
}

// importableFormat refuses, with advice, files the importer cannot read.
func importableFormat(path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return nil // text, most likely
	}
	for _, e := range importExts {
		if ext == e {
			return nil
		}
	}
	switch ext {
	case ".doc", ".wps", ".rtf":
		return fmt.Errorf("不能直接导入 %s 文件：请在 Word 或 WPS 中“另存为” .docx 后再导入", ext)
	case ".pdf":
		return errors.New("不能直接导入 PDF：请把其中的文字复制出来，存成 .txt 后再导入")
	case ".htm", ".html", ".mht":
		return errors.New("不能直接导入网页文件：请在浏览器里选中正文复制，存成 .txt 后再导入")
	}
	return fmt.Errorf("不支持 %s 文件：能导入的是 Word（.docx）、纯文本（.txt）和 Markdown（.md）", ext)
}

// takenIn reports an id taken in the wizard: a template listed, a file of
// that name in tplDir, an autosave or kept 上年 answers in keepDir.
func takenIn(set *templates.Set, tplDir, keepDir string) func(string) bool {
	listed := listedIDs(set, "")
	exists := func(p string) bool { _, err := os.Lstat(p); return err == nil }
	return func(c string) bool {
		if listed(c) || exists(filepath.Join(tplDir, c+".yaml")) || exists(filepath.Join(tplDir, c+".yml")) {
			return true
		}
		return keepDir != "" && (exists(filepath.Join(keepDir, c+".yaml")) || exists(tui.PreviousPath(keepDir, c)))
	}
}

// listedIDs reports the ids of the templates set lists, but for the one
// in the file at except (which an import is about to replace).
func listedIDs(set *templates.Set, except string) func(string) bool {
	out, _ := os.Stat(except)
	taken := map[string]bool{}
	for _, e := range set.Entries() {
		if out != nil && !e.Builtin {
			if fi, err := os.Stat(e.Path); err == nil && os.SameFile(fi, out) {
				continue
			}
		}
		taken[e.ID] = true
	}
	return func(id string) bool { return taken[id] }
}

func importSummary(t *schema.Template, r importer.Report, tplPath, prev string) []string {
	found := fmt.Sprintf("找到 %d 个部分、%d 个标题、%d 个要填的数字", len(t.Sections), r.Headings, r.Fields)
	if r.Placeholders > 0 {
		found += fmt.Sprintf("（其中 %d 个原文为 X，待填）", r.Placeholders)
	}
	if r.Format != "docx" && r.Encoding != "" {
		found += "；文字编码 " + r.Encoding
	}
	out := []string{found + "。"}
	if len(r.Removed) > 0 {
		out = append(out, fmt.Sprintf("去掉了网页上的 %d 行：%s。", len(r.Removed), clipList(r.Removed, 2)))
	}
	for i, w := range r.Warnings {
		if i == 3 {
			out = append(out, fmt.Sprintf("提示：……还有 %d 条（命令行 nigao import 可看全部）", len(r.Warnings)-i))
			break
		}
		out = append(out, "提示："+w)
	}
	out = append(out, "", "模板："+tplPath+"（以后在“选择要写的稿子”里直接选它）")
	if prev != "" {
		out = append(out, "原来的数字另存为："+prev+"（字段旁显示为“上年”）")
	}
	out = append(out, "", "表单里已填上报告原来的数字，改成今年的即可；答案自动保存，Ctrl+S 另存为答案文件。")
	return out
}
