package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/importer"
	"github.com/nigao/nigao/inputfile"
	"github.com/nigao/nigao/templates"
)

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import", "import 上年报告.{txt,md,docx} [-o 模板.yaml] [-a 答案.yaml]",
		`把上年的报告变成模板和答案：原文的结构和文字成为模板，数字成为字段，
原来的数字写进答案文件。文本文件可以是 UTF-8 或 GBK（记事本、旧电脑保存的），
从网页复制的索引号、来源、字号、浏览次数等会被去掉。
今年的稿子：复制答案文件改数字，再 nigao render -t 模板 -a 今年答案 --previous 上年答案。`, stderr)
	out := fs.String("o", "", "模板文件（默认：报告文件名加 .yaml）")
	ans := fs.String("a", "", "答案文件（默认：与模板同名，加 .answers.yaml）")
	id := fs.String("id", "", "模板 id（英文、数字和连字符；默认由文件名生成）")
	name := fs.String("name", "", "模板的中文名称（默认用报告标题）")
	force := fs.Bool("force", false, "输出文件已存在时覆盖")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("请写明要导入的报告文件，例如 nigao import 2023年工作总结.docx -o 模板.yaml -a 2023年.yaml")
	}
	in := rest[0]
	data, err := inputfile.Read(in, "报告", importer.MaxInput)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(in, filepath.Ext(in))
	if *out == "" {
		*out = base + ".yaml"
	}
	if *ans == "" {
		// beside the template, which may be in another folder than the
		// report (a read-only share, a colleague's USB stick)
		*ans = strings.TrimSuffix(*out, filepath.Ext(*out)) + ".answers.yaml"
	}
	if *out == *ans || sameFile(*out, *ans) {
		return usagef("模板（-o）和答案（-a）不能是同一个文件")
	}
	for _, p := range []string{*out, *ans} {
		if err := notAnInput(p, []input{{"报告", in}}); err != nil {
			return err
		}
	}
	if !*force {
		for _, p := range []string{*out, *ans} {
			if _, err := os.Stat(p); err == nil {
				return fmt.Errorf("%s 已存在，没有覆盖（确要覆盖请加 --force）", p)
			}
		}
	}
	// What we write must load with the templates render will use; its id
	// is one no other template listed has.
	set, err := templates.Open(nil)
	if err != nil {
		return err
	}
	checked, err := importer.ImportChecked(in, data, &importer.Options{ID: *id, Name: *name, Taken: listedIDs(set, *out)}, set.Lib)
	if err != nil {
		return err
	}
	res := checked.Result
	// both or neither: a template without its answers would make the
	// next import refuse (已存在) for nothing
	if err := atomicfile.WriteAll([]atomicfile.File{{Path: *out, Data: res.Template, Perm: 0o644}, {Path: *ans, Data: res.Answers, Perm: 0o644}}); err != nil {
		return err
	}
	r := res.Report
	fmt.Fprintf(stderr, "已导入 %s（%s）：%d 段，%d 个标题，%d 个数字字段", in, r.Encoding, r.Paragraphs, r.Headings, r.Fields)
	if r.Placeholders > 0 {
		fmt.Fprintf(stderr, "（其中 %d 个原文为 X，待填）", r.Placeholders)
	}
	fmt.Fprintln(stderr)
	if len(r.Removed) > 0 {
		fmt.Fprintf(stderr, "去掉了网页上的 %d 行：%s\n", len(r.Removed), clipList(r.Removed, 3))
	}
	for _, w := range r.Warnings {
		fmt.Fprintln(stderr, "提示:", w)
	}
	fmt.Fprintf(stderr, "模板：%s\n答案：%s\n", *out, *ans)
	fmt.Fprintf(stderr, "生成稿子：nigao render -t %s -a %s -o 稿子.docx\n", *out, *ans)
	return nil
}

func clipList(items []string, n int) string {
	var out []string
	for i, s := range items {
		if i == n {
			out = append(out, fmt.Sprintf("……等 %d 行", len(items)))
			break
		}
		if r := []rune(s); len(r) > 20 {
			s = string(r[:20]) + "…"
		}
		out = append(out, "“"+s+"”")
	}
	return strings.Join(out, "、")
}
