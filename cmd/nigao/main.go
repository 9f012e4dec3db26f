// Command nigao drafts recurring work reports (半年工作总结, 年度工作总结,
// 工作汇报材料) from YAML templates: a terminal wizard, or answers files
// rendered from the command line.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/nigao/nigao/schema"
)

// Exit codes: 0 ok, 1 failure, 2 usage.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks a mistake in how nigao was called (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errSilent is a failure already reported (exit 1 without more output).
var errSilent = errors.New("")

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"fill", "打开填写向导（可用 -t 指定模板、-a 指定答案文件）", runFill},
		{"render", "按答案文件生成稿子（Markdown、纯文本或 Word）", runRender},
		{"templates", "列出内置模板和自己的模板", runTemplates},
		{"template", "模板操作：template copy ID [目录] 复制内置模板以便修改", runTemplate},
		{"lint", "检查模板文件，错误指出到行和列", runLint},
		{"import", "把上年的报告（txt、md、docx）变成模板和答案", runImport},
		{"collect", "给各部门发 Excel 报送表；collect merge 把收回的表合并进答案", runCollect},
		{"schema", "输出模板格式的 JSON Schema（供编辑器自动补全）", runSchema},
	}
}

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "render" || os.Args[1] == "lint") {
		// These live for milliseconds and allocate a few MB: collecting
		// garbage costs more than it frees (about 15% of a render). The
		// memory limit turns collection back on should a huge input need
		// it. The wizard, which runs for hours, keeps the default.
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(256 << 20)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) == 0:
		err = startWizard(nil, stdout, stderr)
	case args[0] == "-h" || args[0] == "--help" || args[0] == "help":
		if len(args) > 1 {
			return run([]string{args[1], "--help"}, stdout, stderr)
		}
		printUsage(stdout)
		return exitOK
	case args[0] == "-v" || args[0] == "--version" || args[0] == "version":
		fmt.Fprintln(stdout, "nigao", version)
		return exitOK
	case strings.HasPrefix(args[0], "-"):
		// flags without a command are the wizard's: nigao -t 模板 -a 答案
		err = startWizard(args, stdout, stderr)
	default:
		var cmd *command
		for _, c := range commands() {
			if c.name == args[0] {
				cmd = &c
				break
			}
		}
		if cmd == nil {
			return unknownCommand(args[0], stderr)
		}
		err = cmd.run(args[1:], stdout, stderr)
	}
	return exitCode(err, stderr)
}

const version = "0.1.0-dev"

func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "nigao:", ue.msg)
		return exitUsage
	case errors.Is(err, errSilent):
		return exitFailure
	}
	fmt.Fprintln(stderr, "nigao:", err)
	return exitFailure
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `nigao（拟稿）— 按模板填写数字，生成工作总结、工作汇报的初稿

用法：
  nigao                         打开填写向导（默认模板）
  nigao [fill 的参数]           同 nigao fill，例如 nigao -t township-annual --no-mouse
  nigao 命令 [参数]

命令：
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
常用示例：
  nigao fill -t township-halfyear -a 归义镇2022上半年.yaml
  nigao render -t township-halfyear -a 归义镇2022上半年.yaml -o 总结.docx
  nigao lint 我的模板.yaml

每个命令加 --help 查看详细说明。退出码：0 成功，1 失败，2 用法错误。
`)
}

// newFlags makes a flag set whose usage text is Chinese and whose
// errors are usage errors.
func newFlags(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "用法：nigao %s\n\n%s\n", synopsis, about)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(out, "\n选项：")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// (nigao lint a.yaml --json), and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
	}
	var pos []string
	fs.SetOutput(io.Discard) // errors are reported once, in Chinese, by exitCode
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s（nigao %s --help 查看用法）", flagErrorText(err, fs, args), fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return pos, nil
}

// flagErrorText says what is wrong with an option in Chinese, naming it
// as it was typed (--foo, not the -foo the flag package reports), with
// the option it is probably a typo of.
func flagErrorText(err error, fs *flag.FlagSet, args []string) string {
	m := err.Error()
	if name, ok := strings.CutPrefix(m, "flag provided but not defined: -"); ok {
		msg := "没有这个选项：" + typedFlag(name, args)
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := schema.Suggest(name, names); s != "" {
			msg += "，是不是 " + dashes(typedFlag(name, args)) + s + "？"
		}
		return msg
	}
	if name, ok := strings.CutPrefix(m, "flag needs an argument: -"); ok {
		return "选项 " + typedFlag(name, args) + " 需要一个值"
	}
	if rest, ok := strings.CutPrefix(m, "invalid value "); ok {
		return "选项的值不对：" + rest
	}
	return m
}

// typedFlag is option name as the clerk typed it among args.
func typedFlag(name string, args []string) string {
	for _, a := range args {
		n, _, _ := strings.Cut(a, "=")
		if strings.HasPrefix(n, "-") && strings.TrimLeft(n, "-") == name {
			return n
		}
	}
	return "-" + name
}

// dashes are the leading dashes of an option as typed.
func dashes(typed string) string { return typed[:len(typed)-len(strings.TrimLeft(typed, "-"))] }

// unknownCommand reports a command nigao does not have, with the one it
// is probably a typo of.
func unknownCommand(name string, stderr io.Writer) int {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if s := schema.Suggest(name, names); s != "" {
		fmt.Fprintf(stderr, "nigao: 未知命令 %s，是不是 %s？（nigao --help 查看全部命令）\n", name, s)
		return exitUsage
	}
	fmt.Fprintf(stderr, "nigao: 未知命令 %s\n\n", name)
	printUsage(stderr)
	return exitUsage
}
