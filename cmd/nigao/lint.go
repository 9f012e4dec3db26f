package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/clipperhouse/displaywidth"
	"github.com/nigao/nigao/atomicfile"
	"github.com/nigao/nigao/fileerr"
	"github.com/nigao/nigao/inputfile"
	"github.com/nigao/nigao/render"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
	"go.yaml.in/yaml/v3"
)

func runLint(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("lint", "lint [文件…]",
		`检查模板文件和章节库文件：YAML 格式、拼错的键、重复的 id、正文里写错的字段名、
表达式、计算字段的循环引用等。每个问题一行：文件:行:列: 说明。
也可以检查答案文件（有 values: 的）：格式、自己加的句子（figures:），以及是否合它的模板（template:）。
不写文件时检查全部内置模板、章节库和自己目录里的模板。有错误时退出码为 1。`, stderr)
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return lintAll(stdout, stderr)
	}
	// Library files named on the command line serve the templates named
	// with them, so a clerk can lint a template and its own library
	// together.
	var libFiles, tplFiles, ansFiles []string
	srcs := map[string][]byte{}
	failed := false
	for _, p := range rest {
		src, err := inputfile.Read(p, "文件", schema.MaxSourceSize)
		if err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", p, err)
			failed = true
			continue
		}
		srcs[p] = src
		switch {
		case templates.IsLibrary(src):
			libFiles = append(libFiles, p)
		case isAnswers(src):
			ansFiles = append(ansFiles, p)
		default:
			tplFiles = append(tplFiles, p)
		}
	}
	lib, err := templates.Library(templates.UserDirs()...)
	if err != nil {
		return err
	}
	for _, p := range libFiles {
		err := lib.Add(p, srcs[p])
		if err == nil {
			err = lib.Check(p) // each section on its own, as templates.Library does
		}
		if err != nil {
			printLintErr(stdout, err)
			failed = true
		}
	}
	hints := 0
	for _, p := range tplFiles {
		t, err := schema.Load(p, srcs[p], lib)
		if err != nil {
			printLintErr(stdout, err)
			failed = true
			continue
		}
		hints += lintHints(stdout, t)
	}
	for _, p := range ansFiles {
		n, ok := lintAnswers(stdout, p, srcs[p])
		hints += n
		failed = failed || !ok
	}
	if failed {
		return errSilent
	}
	if hints > 0 {
		fmt.Fprintf(stderr, "检查了 %d 个文件，没有错误，有 %d 条提示。\n", len(rest), hints)
		return nil
	}
	fmt.Fprintf(stderr, "检查了 %d 个文件，没有发现问题。\n", len(rest))
	return nil
}

// isAnswers reports whether YAML source is an answers file rather than
// a template: a mapping with values: or template: and no sections:.
func isAnswers(src []byte) bool {
	root, err := schema.Parse("", src)
	if err != nil || root.Kind != yaml.MappingNode {
		return false
	}
	keys := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		keys[root.Content[i].Value] = true
	}
	return (keys["values"] || keys["template"]) && !keys["sections"]
}

// lintAnswers checks an answers file as nigao render reads it: its own
// format and figures, then against the template it names (the clerk's
// figures fit it; what render would hint, 同比 rates copied from its
// previous: too). It returns the hints printed and whether there was no
// error.
func lintAnswers(w io.Writer, p string, src []byte) (int, bool) {
	a, err := schema.LoadAnswers(p, src)
	if err != nil {
		printLintErr(w, err)
		return 0, false
	}
	if a.TemplateID == "" {
		fmt.Fprintf(w, "%s: 提示：答案文件没有写 template:（用哪个模板），只检查了它的格式\n", p)
		return 1, true
	}
	set, err := templates.Open(nil)
	if err != nil {
		printLintErr(w, err)
		return 0, false
	}
	t, err := set.LoadFor(a.TemplateID, p)
	if err != nil {
		fmt.Fprintf(w, "%s: 答案文件用的模板“%s”：%v\n", p, a.TemplateID, err)
		return 0, false
	}
	if t, err = schema.WithFigures(t, a); err != nil {
		printLintErr(w, err)
		return 0, false
	}
	c, err := schema.ResolveCompanions(a, p, schema.Given{})
	if err != nil {
		printLintErr(w, err)
		return 0, false
	}
	hints := a.Check(t)
	vs := t.Evaluate(a)
	if c.Previous != nil {
		vs.Prev = t.Evaluate(c.Previous)
	}
	for _, r := range vs.Hints() {
		hints = append(hints, &schema.Error{Pos: r.Pos, Msg: r.Msg})
	}
	for _, h := range hints {
		fmt.Fprintln(w, schema.Visible(h.Pos.String()+": 提示："+h.Msg))
	}
	return len(hints), true
}

// lintHints prints what loads but will surprise a clerk — a field that
// nothing reads, so what is filled in never reaches a draft — naming
// where it is by its headings as a draft writes them (××年工作总结 with
// no answers, not {年度}年工作总结). It returns how many it printed.
func lintHints(w io.Writer, t *schema.Template) int {
	unused := t.Unused()
	vs := t.Evaluate(nil)
	for _, f := range unused {
		where := ""
		if path := render.Path(vs, &render.Document{}, f.Part); len(path) > 0 {
			where = "（在“" + strings.Join(path, " › ") + "”中）"
		}
		fmt.Fprintf(w, "%s: 提示：字段“%s”%s没有用在文字、条件或计算里，填了也不会写进稿子\n", f.Pos, f.ID, where)
	}
	return len(unused)
}

func printLintErr(w io.Writer, err error) {
	var list schema.ErrorList
	var one *schema.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(w, e)
		}
	case errors.As(err, &one):
		fmt.Fprintln(w, one)
	default:
		fmt.Fprintln(w, err)
	}
}

func lintAll(stdout, stderr io.Writer) error {
	failed := false
	if _, err := templates.Library(templates.UserDirs()...); err != nil {
		printLintErr(stdout, err)
		failed = true
	}
	set, err := templates.Open(nil)
	if err != nil {
		printLintErr(stdout, err)
		return errSilent
	}
	n := 0
	for _, e := range set.Entries() {
		n++
		if e.Err != nil {
			printLintErr(stdout, e.Err)
			failed = true
			continue
		}
		ref := e.ID
		if !e.Builtin {
			ref = e.Path
		}
		t, err := set.Load(ref)
		if err != nil {
			printLintErr(stdout, err)
			failed = true
			continue
		}
		lintHints(stdout, t)
	}
	if failed {
		return errSilent
	}
	fmt.Fprintf(stderr, "检查了 %d 个模板和 %d 个章节库章节，没有发现问题。\n", n, len(set.Lib.IDs()))
	return nil
}

func runTemplates(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("templates", "templates", `列出可用的模板：内置模板，以及放在下面目录里的自己的模板：
  `+strings.Join(templates.UserDirs(), "\n  ")+`
与内置模板 id 相同的自己的模板会代替内置模板。`, stderr)
	if _, err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	set, err := templates.Open(nil)
	if err != nil {
		return err
	}
	rows := [][]string{{"ID", "类型", "名称", "章节", "来源"}}
	var broken []templates.Entry
	for _, e := range set.CheckedEntries() {
		n := fmt.Sprint(e.Sections)
		if e.Err != nil {
			n = "有错误"
			broken = append(broken, e)
		}
		rows = append(rows, []string{e.ID, e.Kind, e.Name, n, e.Source})
	}
	printTable(stdout, rows)
	for _, e := range broken {
		fmt.Fprintf(stderr, "\n%s 有错误，暂不能使用（nigao lint %s 查看全部）：\n  %v\n", e.Path, e.Path, e.Err)
	}
	return nil
}

// printTable aligns columns by display width, so Chinese lines up.
func printTable(w io.Writer, rows [][]string) {
	widths := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displaywidth.String(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displaywidth.String(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func runTemplate(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, "用法：nigao template copy 模板ID [目录] [--force]\n\n把内置模板写成 YAML 文件以便修改。目录默认是 ./templates（nigao 会自动找到那里的模板）。\n")
		if len(args) == 0 {
			return usagef("请写明操作，例如 nigao template copy %s", templates.Default)
		}
		return nil
	}
	if args[0] != "copy" {
		return usagef("template 只有 copy 一个操作（nigao template copy 模板ID [目录]）")
	}
	fs := newFlags("template copy", "template copy 模板ID [目录] [--force]",
		`把内置模板写成 YAML 文件以便修改。目录默认是 ./templates，nigao 会自动找到那里的模板；
复制出的模板与内置模板 id 相同时会代替内置模板，如要并存请修改文件里的 id。
模板中 use: 引用的章节仍来自内置章节库，内置章节的改进会自动生效。`, stderr)
	force := fs.Bool("force", false, "目标文件已存在时覆盖")
	rest, err := parseFlags(fs, args[1:], stdout)
	if err != nil {
		return err
	}
	if len(rest) < 1 || len(rest) > 2 {
		return usagef("用法：nigao template copy 模板ID [目录]")
	}
	src, ok := templates.CopySource(rest[0])
	if !ok {
		return fmt.Errorf("没有内置模板“%s”（nigao templates 查看可用模板）", rest[0])
	}
	dir := "templates"
	if len(rest) == 2 {
		dir = rest[1]
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fileerr.Explain(fileerr.MakeDir, "模板文件夹", dir, err)
	}
	dst := filepath.Join(dir, rest[0]+".yaml")
	if _, err := os.Stat(dst); err == nil && !*force {
		return fmt.Errorf("%s 已存在，没有覆盖（确要覆盖请加 --force）", dst)
	}
	if err := atomicfile.WriteFile(dst, src, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已复制到 %s\n修改后用 nigao lint %s 检查。\n", dst, dst)
	// the schema the copy's first line names, for checking in an editor
	p, written, err := templates.WriteSchema(dir)
	if err != nil {
		return err
	}
	if written {
		fmt.Fprintf(stdout, "编辑器（VS Code 装 YAML 插件）据 %s 检查和补全模板的键。\n", p)
	}
	return nil
}

func runSchema(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", "schema", `输出模板格式（模板和章节库文件）的 JSON Schema。保存为文件后，在模板开头加一行
  # yaml-language-server: $schema=./nigao.schema.json
VS Code 等编辑器（装 YAML 插件）就能检查和补全键名、显示键的说明；模板和章节库文件都适用。
nigao template copy 复制模板时会把它写在模板旁边。`, stderr)
	if _, err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	_, err := stdout.Write(schema.JSONSchema())
	return err
}
