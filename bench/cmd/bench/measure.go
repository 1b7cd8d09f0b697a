package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A sample is one timed run of one command.
type sample struct {
	wall     time.Duration
	cpu      time.Duration // user+sys of the process and every descendant it waited for
	maxRSS   int64         // bytes: the largest resident set of any one process of the tree
	treeRSS  int64         // bytes: the largest sum of resident sets over the tree, sampled
	findings int           // distinct diagnostics in the JSON output
	errors   int           // error entries in the JSON output
	failed   string        // why the run does not count, or ""
}

// sampleEvery is the period of the process-tree memory sampler.
const sampleEvery = 50 * time.Millisecond

// measure runs cmd to completion and measures it. The command's stdout
// must be a stream of go/analysis JSON trees; okStatus lists the exit
// codes that mean success.
func measure(cmd *exec.Cmd, okStatus ...int) sample {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{failed: err.Error()}
	}
	done := make(chan struct{})
	peak := make(chan int64)
	go func() { peak <- sampleTree(cmd.Process.Pid, done) }()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	s := sample{wall: wall, treeRSS: <-peak}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		s.maxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	s.findings, s.errors = countJSON(&stdout)
	status := cmd.ProcessState.ExitCode()
	ok := false
	for _, c := range okStatus {
		ok = ok || status == c
	}
	if !ok {
		s.failed = fmt.Sprintf("exit status %d (%v): %s", status, err, firstLines(stderr.String(), 6))
	}
	return s
}

// sampleTree polls the resident set sizes of pid and its descendants
// until done is closed, and returns the largest sum seen. A process that
// lives less than one period may be missed: the sum is a lower bound.
func sampleTree(pid int, done <-chan struct{}) int64 {
	tick := time.NewTicker(sampleEvery)
	defer tick.Stop()
	var peak int64
	for {
		if sum := treeRSS(pid); sum > peak {
			peak = sum
		}
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

// treeRSS returns the summed resident set of pid and all its descendants,
// read from /proc/PID/stat.
func treeRSS(root int) int64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	children := make(map[int][]int)
	rss := make(map[int]int64)
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		ppid, pages, ok := readStat(pid)
		if !ok {
			continue
		}
		children[ppid] = append(children[ppid], pid)
		rss[pid] = pages * int64(os.Getpagesize())
	}
	var sum int64
	stack := []int{root}
	for len(stack) > 0 {
		pid := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		sum += rss[pid]
		stack = append(stack, children[pid]...)
	}
	return sum
}

// readStat returns the parent and the resident set (in pages) of pid.
func readStat(pid int) (ppid int, rssPages int64, ok bool) {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, 0, false
	}
	// "pid (comm) state ppid …": comm may hold spaces and parentheses.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, 0, false
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 22 { // f[0] is field 3 (state); ppid is field 4, rss field 24
		return 0, 0, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	rssPages, err2 := strconv.ParseInt(f[21], 10, 64)
	return ppid, rssPages, err1 == nil && err2 == nil
}

// countJSON counts the distinct diagnostics and the errors in a stream of
// go/analysis JSON trees ({"pkg": {"analyzer": [diagnostic…] | {"error": …}}}).
// A diagnostic reported in a package and again in its test variant counts
// once.
func countJSON(r io.Reader) (findings, errors int) {
	type diagnostic struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	}
	seen := make(map[string]bool)
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			return len(seen), errors // io.EOF, or output that is not JSON
		}
		for _, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				var diags []diagnostic
				if json.Unmarshal(raw, &diags) != nil {
					errors++ // {"error": "…"}
					continue
				}
				for _, d := range diags {
					seen[name+"\x00"+d.Posn+"\x00"+d.Message] = true
				}
			}
		}
	}
}

// firstLines returns the first n lines of s, on one line.
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, " | ")
}
