package fazsim

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// session is a logged-in admin session.
type session struct {
	user     string
	lastUsed time.Time
	requests int
}

// newSessionID returns an opaque base64 id like the appliance's.
func newSessionID() string {
	b := make([]byte, 36)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.StdEncoding.EncodeToString(b)
}

// login checks credentials and opens a session. It returns "" on failure.
func (s *Server) login(p map[string]any, now time.Time) string {
	data, _ := p["data"].(map[string]any)
	if data == nil {
		if l, ok := p["data"].([]any); ok && len(l) > 0 {
			data, _ = l[0].(map[string]any)
		}
	}
	user, _ := data["user"].(string)
	pass, _ := data["passwd"].(string)
	want, ok := s.opts.Users[user]
	s.mu.Lock()
	defer s.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare([]byte(want), []byte(pass)) != 1 {
		s.stats.loginFailures++
		return ""
	}
	sid := newSessionID()
	s.sessions[sid] = &session{user: user, lastUsed: now}
	s.stats.logins++
	return sid
}

// bearer extracts an API key from the Authorization header or the
// access_token query parameter (the official Ansible plugin sends both).
func bearer(r *http.Request) string {
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return r.URL.Query().Get("access_token")
}

func (s *Server) validKey(k string) bool {
	for _, want := range s.opts.APIKeys {
		if subtle.ConstantTimeCompare([]byte(want), []byte(k)) == 1 {
			return true
		}
	}
	return false
}

// authenticate resolves the caller. It returns the session id ("" for an
// API-key caller) or an error: -11 for a missing, unknown or expired session.
func (s *Server) authenticate(key, sid string, now time.Time) (string, *rpcError) {
	if key != "" {
		if sid != "" { // FAZ rejects a bogus session sent with a valid key
			return "", errNoPermission
		}
		return "", nil
	}
	if sid == "" {
		return "", errNoPermission
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.sessions[sid]
	if !ok {
		return "", errNoPermission
	}
	if s.opts.SessionIdle > 0 && now.Sub(ss.lastUsed) > s.opts.SessionIdle {
		delete(s.sessions, sid)
		s.stats.sessExp++
		return "", errNoPermission
	}
	if s.opts.SessionMaxRequests > 0 && ss.requests >= s.opts.SessionMaxRequests {
		delete(s.sessions, sid)
		s.stats.sessExp++
		return "", errNoPermission
	}
	ss.requests++
	ss.lastUsed = now
	return sid, nil
}

// logout ends a session.
func (s *Server) logout(sid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sessions[sid]; ok {
		delete(s.sessions, sid)
		s.stats.logouts++
	}
}

// expireSession drops a session (fault injection).
func (s *Server) expireSession(sid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sessions[sid]; ok {
		delete(s.sessions, sid)
		s.stats.sessExp++
	}
}
