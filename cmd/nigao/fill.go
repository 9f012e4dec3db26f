package main

import "io"

// runFill and startWizard open the terminal wizard. Until the wizard
// lands, bare nigao prints help (issue: the terminal wizard).
func runFill(args []string, stdout, stderr io.Writer) error {
	return startWizard(args, stdout, stderr)
}

func startWizard(args []string, stdout, stderr io.Writer) error {
	printUsage(stdout)
	return nil
}
