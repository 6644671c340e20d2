package main

import "strings"

// splitStatements splits SQL text at semicolons outside quotes and
// comments. complete is false when the text ends inside a statement (no
// final ';'), which the shell uses to ask for another line; rest is that
// unfinished statement.
func splitStatements(sql string) (stmts []string, rest string) {
	start := 0
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; c {
		case '\'', '"', '`':
			j := strings.IndexByte(sql[i+1:], c)
			if j < 0 {
				return stmts, strings.TrimSpace(sql[start:])
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(sql[i+1:], ']')
			if j < 0 {
				return stmts, strings.TrimSpace(sql[start:])
			}
			i += j + 1
		case '-':
			if i+1 < len(sql) && sql[i+1] == '-' {
				j := strings.IndexByte(sql[i:], '\n')
				if j < 0 {
					i = len(sql)
				} else {
					i += j
				}
			}
		case '/':
			if i+1 < len(sql) && sql[i+1] == '*' {
				j := strings.Index(sql[i+2:], "*/")
				if j < 0 {
					return stmts, strings.TrimSpace(sql[start:])
				}
				i += j + 3
			}
		case ';':
			if s := strings.TrimSpace(sql[start:i]); s != "" {
				stmts = append(stmts, s)
			}
			start = i + 1
		}
	}
	return stmts, strings.TrimSpace(sql[start:])
}

// onlyComments reports whether s holds no SQL besides comments.
func onlyComments(s string) bool {
	for s != "" {
		s = strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(s, "--"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return true
			}
			s = s[i+1:]
		case strings.HasPrefix(s, "/*"):
			i := strings.Index(s, "*/")
			if i < 0 {
				return true
			}
			s = s[i+2:]
		default:
			return s == ""
		}
	}
	return true
}
