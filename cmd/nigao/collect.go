package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/nigao/nigao/collect"
	"github.com/nigao/nigao/schema"
	"github.com/nigao/nigao/templates"
)

// today is the day sheets are made and values taken in; tests fix it.
var today = func() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func runCollect(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "merge" {
		return runCollectMerge(args[1:], stdout, stderr)
	}
	fs := newFlags("collect", "collect -t 模板 [-a 答案] [--previous 上年答案] -o 目录 [选项]\n       nigao collect merge 报送表.xlsx… -a 答案 [选项]",
		`给各部门（科室）发报送表：每个部门一个 Excel 文件，只有它要报的数，
写明报什么、什么时候报、报给谁。“上年”一列来自 --previous，“本期”一列是已经填了的数。
收回来的表用 nigao collect merge 合并进答案文件（nigao collect merge --help）。
模板里用 from: 指定哪个部门报哪些数；没指定的，每个一级部分一张表。`, stderr)
	tpl := fs.String("t", "", "模板：内置模板 id 或模板文件路径（必填；有 -a 时默认用答案文件的模板）")
	ans := fs.String("a", "", "答案文件：已经填了的数写进“本期”，报告名称和报送单位也从这里来")
	prev := fs.String("previous", "", "上年（上期）的答案文件，写进“上年”一列；不写时用答案文件的 previous")
	out := fs.String("o", "", "报送表放在哪个目录（必填）")
	due := fs.String("due", "", "报送截止日期，例如 2024-07-05")
	to := fs.String("to", "", "报给谁，例如“党政办 张三 0000-1234567”（默认：答案文件中的单位名称）")
	offices := fs.String("office", "", "只给这些部门出表，用逗号分隔，例如 安监站,民政办")
	overwrite := fs.Bool("overwrite", false, "目录里已有同名的表时覆盖（可能是已经收回的表，小心）")
	force := fs.Bool("force", false, "答案文件是按别的模板填的，也照样用")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("collect 不接受多余的参数：%s（合并收回的表用 nigao collect merge）", strings.Join(rest, " "))
	}
	if *out == "" {
		return usagef("请用 -o 指定放报送表的目录")
	}
	opt := collect.Options{To: *to, Today: today()}
	if *due != "" {
		d, err := schema.ParseDate(*due)
		if err != nil {
			return usagef("--due：%v", err)
		}
		opt.Due = d
	}
	in := readRenderInputs(*ans, schema.Given{Previous: *prev})
	if in.err != nil {
		return in.err
	}
	opt.Answers, opt.Previous = in.answers, in.Previous
	t, err := collectTemplate(*tpl, opt.Answers, *ans, "")
	if err != nil {
		return err
	}
	if opt.Answers != nil && !*force {
		if err := opt.Answers.ForTemplate(t, *ans); err != nil {
			return err
		}
	}
	var names []string
	for _, o := range strings.FieldsFunc(*offices, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		names = append(names, strings.TrimSpace(o))
	}
	paths, err := collect.WriteDir(*out, t, names, *overwrite, opt)
	for _, p := range paths {
		fmt.Fprintf(stdout, "已生成 %s\n", p)
	}
	return err
}

// collectTemplate loads the template named by -t, else the one the
// answers at answersPath were filled for (looked for beside them too),
// else the one the returned sheets name, with the clerk's own figures of
// answers filled for it (their offices' sheets ask for them too).
func collectTemplate(ref string, a *schema.Answers, answersPath, sheets string) (*schema.Template, error) {
	set, err := templates.Open(nil)
	if err != nil {
		return nil, err
	}
	load := set.Load
	if ref == "" && a != nil && a.TemplateID != "" {
		ref = a.TemplateID
		load = func(ref string) (*schema.Template, error) { return set.LoadFor(ref, answersPath) }
	}
	if ref == "" {
		ref = sheets
	}
	if ref == "" {
		return nil, usagef("请用 -t 指定模板（nigao templates 查看可用模板）")
	}
	t, err := load(ref)
	if err != nil || a == nil || a.ForTemplate(t, "") != nil {
		return t, err // answers for another template are refused by the caller
	}
	return schema.WithFigures(t, a)
}

func runCollectMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("collect merge", "collect merge 报送表.xlsx… -a 答案 [-t 模板] [--overwrite] [-n]",
		`把收回的报送表合并进答案文件。先列出每一项：新增、改动（旧 → 新）、相同、
冲突（两张表不一致，都不采用）、无效（文件!单元格：原因），再写入。
已经填了的值，不加 --overwrite 不会被改。答案文件里记下每个值来自哪张表、哪天收的。
有一张表不能用（别的模板、旧版本、隐藏编号被清空、合并了单元格、.xls、加了密码……）时，
什么也不写，说明是哪个文件、什么问题。`, stderr)
	ans := fs.String("a", "", "答案文件（必填；还没有时新建）")
	tpl := fs.String("t", "", "模板（默认：答案文件的模板，或报送表的模板）")
	overwrite := fs.Bool("overwrite", false, "收回的值与已填的值不同时，用收回的值")
	matching := fs.Bool("matching", false, "别的模板或旧版本的报送表：只合并仍然对得上的项目")
	dry := fs.Bool("n", false, "只列出，不写入答案文件")
	force := fs.Bool("force", false, "答案文件是按别的模板填的，也照样写入")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("请写明收回的报送表，例如 nigao collect merge 收回/*.xlsx -a 答案.yaml")
	}
	if *ans == "" {
		return usagef("请用 -a 指定答案文件")
	}
	a, err := schema.LoadAnswersFile(*ans)
	isNew := errors.Is(err, os.ErrNotExist)
	if err != nil && !isNew {
		return err
	}
	sheets, errs := collect.ReadAll(rest)
	if len(errs) > 0 {
		return mergeRefused(errs, stderr)
	}
	t, err := collectTemplate(*tpl, a, *ans, sheets[0].Template)
	if err != nil {
		return err
	}
	if isNew {
		a = schema.NewAnswers(t)
	} else if !*force {
		if err := a.ForTemplate(t, *ans); err != nil {
			return err
		}
	}
	res, err := collect.Merge(t, a, sheets, collect.MergeOptions{Matching: *matching})
	if err != nil {
		return mergeRefused([]error{err}, stderr)
	}
	if err := res.WriteTable(stdout, *overwrite); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "新增 %d 项，改动 %d 项，相同 %d 项，冲突 %d 项，无效 %d 项。\n",
		res.Count(collect.New), res.Count(collect.Changed), res.Count(collect.Same), res.Count(collect.Conflict), res.Count(collect.Invalid))
	if n := res.Count(collect.Changed); n > 0 && !*overwrite {
		fmt.Fprintf(stdout, "有 %d 项与已经填的值不同，没有改：核对后加 --overwrite 采用收回的值。\n", n)
	}
	if *dry {
		fmt.Fprintln(stdout, "（-n：没有写入）")
		return nil
	}
	taken := res.Apply(a, *overwrite, today())
	if taken == 0 {
		fmt.Fprintf(stdout, "没有要写入的值，%s 没有改动。\n", *ans)
		return nil
	}
	if err := a.Save(*ans); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已写入 %s：采用 %d 项。\n", *ans, taken)
	return nil
}

// mergeRefused reports the sheets that cannot be taken in; nothing is
// written.
func mergeRefused(errs []error, stderr io.Writer) error {
	for _, e := range errs {
		for _, line := range strings.Split(e.Error(), "\n") {
			fmt.Fprintln(stderr, "nigao:", line)
		}
	}
	fmt.Fprintln(stderr, "nigao: 没有写入答案文件：请处理上面的问题后再合并（不能用的表可以先不收）")
	return errSilent
}
