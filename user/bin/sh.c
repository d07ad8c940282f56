/*
 * sh: a small shell. Command lines with '' and "" quoting, $VAR $? $$ $! $#
 * $0-$9 expansion, pipelines, < > >> 2> 2>&1 redirections, ; && || and &
 * lists, background jobs, the builtins cd pwd exit export unset wait exec
 * true false and :, and bash-style reports for children killed by signals.
 * Runs `sh`, `sh -c 'cmd' [arg0 args...]` and `sh script [args...]`.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_ARGS	128
#define MAX_REDIRS	8
#define MAX_CMDS	16
#define MAX_JOBS	32

enum tok {
	T_WORD, T_PIPE, T_AND, T_OR, T_BG, T_SEMI, T_REDIR, T_END
};

enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUP };

struct redir {
	int fd;
	enum redir_kind kind;
	char *target;		/* file name; for R_DUP the fd to copy, as text */
};

struct cmd {
	char *argv[MAX_ARGS + 1];
	int argc;
	char *assigns[MAX_ARGS];	/* NAME=value words before the command */
	int nassign;
	struct redir redirs[MAX_REDIRS];
	int nredir;
};

struct pipeline {
	struct cmd cmds[MAX_CMDS];
	int ncmds;
};

struct job {
	int id;			/* 0: slot free */
	pid_t pids[MAX_CMDS];
	int npids;
	int left;		/* processes not yet reaped */
	int status;		/* of the last process */
	char text[64];
};

static int last_status;
static pid_t last_bg;		/* $! */
static int interactive;
static char *arg0 = "sh";
static char **pos_args;		/* $1.. */
static int pos_count;
static struct job jobs[MAX_JOBS];

/* Everything a line allocates, freed when the line is done. */
static char **line_allocs;
static int nline_allocs, line_allocs_cap;

static void *line_alloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fprintf(stderr, "sh: out of memory\n");
		exit(2);
	}
	if (nline_allocs == line_allocs_cap) {
		line_allocs_cap = line_allocs_cap ? line_allocs_cap * 2 : 64;
		line_allocs = realloc(line_allocs,
				      (size_t)line_allocs_cap * sizeof(char *));
		if (!line_allocs)
			exit(2);
	}
	line_allocs[nline_allocs++] = p;
	return p;
}

static void line_free_all(void)
{
	while (nline_allocs > 0)
		free(line_allocs[--nline_allocs]);
}

/* A growing string for building one word. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			exit(2);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_addc(struct sbuf *b, char c)
{
	sb_add(b, &c, 1);
}

/* The lexer's state: the text being parsed and the current token. */
struct lexer {
	const char *p;
	enum tok tok;
	char *word;		/* T_WORD: the expanded word */
	int quoted;		/* the word had quotes (so "" is a word) */
	struct redir redir;	/* T_REDIR: fd and kind (target comes next) */
};

static int is_name_char(char c, int first)
{
	return c == '_' || isalpha((unsigned char)c) ||
	       (!first && isdigit((unsigned char)c));
}

/* Expand the $ at *pp (just past the $) into b; advance *pp. */
static void expand_dollar(const char **pp, struct sbuf *b)
{
	const char *p = *pp, *start;
	char num[24], name[128];
	const char *val = NULL;
	size_t n;
	int braces = 0, i;

	if (*p == '?') {
		snprintf(num, sizeof(num), "%d", last_status);
		sb_add(b, num, strlen(num));
		*pp = p + 1;
		return;
	}
	if (*p == '$') {
		snprintf(num, sizeof(num), "%d", getpid());
		sb_add(b, num, strlen(num));
		*pp = p + 1;
		return;
	}
	if (*p == '!') {
		if (last_bg)
			snprintf(num, sizeof(num), "%d", last_bg);
		else
			num[0] = '\0';
		sb_add(b, num, strlen(num));
		*pp = p + 1;
		return;
	}
	if (*p == '#') {
		snprintf(num, sizeof(num), "%d", pos_count);
		sb_add(b, num, strlen(num));
		*pp = p + 1;
		return;
	}
	if (isdigit((unsigned char)*p)) {
		i = *p - '0';
		val = i == 0 ? arg0 : i <= pos_count ? pos_args[i - 1] : "";
		sb_add(b, val, strlen(val));
		*pp = p + 1;
		return;
	}
	if (*p == '{') {
		braces = 1;
		p++;
	}
	start = p;
	while (is_name_char(*p, p == start))
		p++;
	n = (size_t)(p - start);
	if (n == 0 || n >= sizeof(name) || (braces && *p != '}')) {
		sb_addc(b, '$');	/* not an expansion: keep it literally */
		*pp = start - braces;
		return;
	}
	memcpy(name, start, n);
	name[n] = '\0';
	val = getenv(name);
	if (val)
		sb_add(b, val, strlen(val));
	*pp = p + braces;
}

static int is_meta(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' ||
	       c == '\n';
}

/* Read one word with quotes and expansions, starting at lx->p. */
static void lex_word(struct lexer *lx)
{
	struct sbuf b = { 0 };
	const char *p = lx->p;

	lx->quoted = 0;
	sb_add(&b, "", 0);
	while (*p && !isblank((unsigned char)*p) && !is_meta(*p)) {
		if (*p == '\'') {
			lx->quoted = 1;
			for (p++; *p && *p != '\''; p++)
				sb_addc(&b, *p);
			if (*p)
				p++;
		} else if (*p == '"') {
			lx->quoted = 1;
			for (p++; *p && *p != '"';) {
				if (*p == '\\' && p[1] && strchr("\"\\$`", p[1])) {
					sb_addc(&b, p[1]);
					p += 2;
				} else if (*p == '$' && p[1]) {
					p++;
					expand_dollar(&p, &b);
				} else {
					sb_addc(&b, *p++);
				}
			}
			if (*p)
				p++;
		} else if (*p == '\\' && p[1]) {
			lx->quoted = 1;
			sb_addc(&b, p[1]);
			p += 2;
		} else if (*p == '$' && p[1] && !isblank((unsigned char)p[1])) {
			p++;
			expand_dollar(&p, &b);
		} else {
			sb_addc(&b, *p++);
		}
	}
	lx->p = p;
	lx->word = line_alloc(b.len + 1);
	memcpy(lx->word, b.s, b.len + 1);
	free(b.s);
}

static void lex_next(struct lexer *lx)
{
	const char *p = lx->p;
	const char *d;

	while (isblank((unsigned char)*p))
		p++;
	if (*p == '#') {			/* comment to end of line */
		while (*p && *p != '\n')
			p++;
	}
	lx->p = p + 1;
	switch (*p) {
	case '\0':
		lx->p = p;
		lx->tok = T_END;
		return;
	case '\n':
	case ';':
		lx->tok = T_SEMI;
		return;
	case '|':
		lx->tok = p[1] == '|' ? T_OR : T_PIPE;
		lx->p += p[1] == '|';
		return;
	case '&':
		lx->tok = p[1] == '&' ? T_AND : T_BG;
		lx->p += p[1] == '&';
		return;
	}
	/* An io number: digits right before < or >, as in 2> or 2>&1. */
	for (d = p; isdigit((unsigned char)*d); d++)
		;
	if (*d == '<' || *d == '>') {
		lx->redir.fd = d > p ? atoi(p) : (*d == '<' ? 0 : 1);
		if (*d == '<') {
			lx->redir.kind = R_IN;
			d++;
		} else if (d[1] == '>') {
			lx->redir.kind = R_APPEND;
			d += 2;
		} else if (d[1] == '&') {
			lx->redir.kind = R_DUP;
			d += 2;
		} else {
			lx->redir.kind = R_OUT;
			d++;
		}
		lx->p = d;
		lx->tok = T_REDIR;
		return;
	}
	lx->p = p;
	lx->tok = T_WORD;
	lex_word(lx);
}

static int is_assignment(const char *w)
{
	const char *p = w;

	if (!is_name_char(*p, 1))
		return 0;
	while (is_name_char(*p, 0))
		p++;
	return *p == '=';
}

/* Parse one simple command into c; returns -1 on a syntax error. */
static int parse_cmd(struct lexer *lx, struct cmd *c)
{
	memset(c, 0, sizeof(*c));
	for (;;) {
		if (lx->tok == T_WORD) {
			if (!lx->quoted && !*lx->word) {
				/* an unquoted expansion to nothing: no word */
			} else if (c->argc == 0 && !lx->quoted &&
				   is_assignment(lx->word) &&
				   c->nassign < MAX_ARGS) {
				c->assigns[c->nassign++] = lx->word;
			} else if (c->argc < MAX_ARGS) {
				c->argv[c->argc++] = lx->word;
			} else {
				fprintf(stderr, "sh: too many arguments\n");
				return -1;
			}
		} else if (lx->tok == T_REDIR) {
			struct redir r = lx->redir;

			lex_next(lx);
			if (lx->tok != T_WORD) {
				fprintf(stderr, "sh: syntax error: redirection without a target\n");
				return -1;
			}
			if (c->nredir == MAX_REDIRS) {
				fprintf(stderr, "sh: too many redirections\n");
				return -1;
			}
			r.target = lx->word;
			c->redirs[c->nredir++] = r;
		} else {
			break;
		}
		lex_next(lx);
	}
	c->argv[c->argc] = NULL;
	return 0;
}

/* Set up the redirections in the current process (a child, or the shell
 * itself for exec). Returns -1 after printing why on failure. */
static int apply_redirs(struct cmd *c)
{
	int i, fd, flags;
	struct redir *r;

	for (i = 0; i < c->nredir; i++) {
		r = &c->redirs[i];
		if (r->kind == R_DUP) {
			if (!isdigit((unsigned char)r->target[0])) {
				fprintf(stderr, "sh: %s: ambiguous redirect\n",
					r->target);
				return -1;
			}
			fd = atoi(r->target);
			if (dup2(fd, r->fd) < 0) {
				fprintf(stderr, "sh: %d: %s\n", fd,
					strerror(errno));
				return -1;
			}
			continue;
		}
		flags = r->kind == R_IN ? O_RDONLY :
			r->kind == R_OUT ? O_WRONLY | O_CREAT | O_TRUNC :
			O_WRONLY | O_CREAT | O_APPEND;
		fd = open(r->target, flags, 0666);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->target,
				strerror(errno));
			return -1;
		}
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
	}
	return 0;
}

static void report_signal(int status, const char *prefix)
{
	int sig = WTERMSIG(status);

	if (sig == SIGINT) {
		fputc('\n', stderr);
		return;
	}
	if (sig == SIGPIPE)
		return;
	fprintf(stderr, "%s%s%s\n", prefix, strsignal(sig),
		WCOREDUMP(status) ? " (core dumped)" : "");
}

static int status_code(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static struct job *find_job_of(pid_t pid)
{
	int i, k;

	for (i = 0; i < MAX_JOBS; i++)
		for (k = 0; jobs[i].id && k < jobs[i].npids; k++)
			if (jobs[i].pids[k] == pid)
				return &jobs[i];
	return NULL;
}

/* A child finished: account it to its background job; report the job
 * when its last process is gone (only an interactive shell says so). */
static void reaped(pid_t pid, int status)
{
	struct job *j = find_job_of(pid);
	char what[64];

	if (!j)
		return;		/* an orphan that was not ours to track */
	if (pid == j->pids[j->npids - 1])
		j->status = status;
	if (--j->left > 0)
		return;
	if (interactive) {
		if (WIFSIGNALED(j->status))
			snprintf(what, sizeof(what), "%s",
				 strsignal(WTERMSIG(j->status)));
		else if (WEXITSTATUS(j->status))
			snprintf(what, sizeof(what), "Exit %d",
				 WEXITSTATUS(j->status));
		else
			snprintf(what, sizeof(what), "Done");
		fprintf(stderr, "[%d]+  %-24s%s\n", j->id, what, j->text);
	}
	j->id = 0;
}

static void reap_background(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		reaped(pid, status);
}

static int builtin_cd(struct cmd *c)
{
	const char *dir = c->argc > 1 ? c->argv[1] : getenv("HOME");
	char cwd[4096];

	if (!dir)
		dir = "/";
	if (chdir(dir) < 0) {
		fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (getcwd(cwd, sizeof(cwd)))
		setenv("PWD", cwd, 1);
	return 0;
}

static int builtin_export(struct cmd *c)
{
	char *eq;
	int i;

	for (i = 1; i < c->argc; i++) {
		eq = strchr(c->argv[i], '=');
		if (!eq)
			continue;	/* every variable is exported already */
		*eq = '\0';
		setenv(c->argv[i], eq + 1, 1);
		*eq = '=';
	}
	return 0;
}

static int builtin_wait(void)
{
	int status, i, busy;
	pid_t pid;

	for (;;) {
		busy = 0;
		for (i = 0; i < MAX_JOBS; i++)
			busy |= jobs[i].id != 0;
		if (!busy)
			return 0;
		pid = waitpid(-1, &status, 0);
		if (pid < 0)
			return 0;
		reaped(pid, status);
	}
}

static _Noreturn void exec_cmd(struct cmd *c)
{
	int e;

	execvp(c->argv[0], c->argv);
	e = errno;
	if (e == ENOENT)
		fprintf(stderr, "sh: %s: %s\n", c->argv[0],
			strchr(c->argv[0], '/') ? strerror(e) :
			"command not found");
	else
		fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(e));
	_exit(e == ENOENT ? 127 : 126);
}

/* Builtins that change the shell itself; returns 1 if c was one. In a
 * pipeline or in the background they run in a child like anything else. */
static int run_builtin(struct cmd *c, int *status)
{
	const char *name = c->argv[0];
	int i;

	if (!strcmp(name, "cd")) {
		*status = builtin_cd(c);
	} else if (!strcmp(name, "exit")) {
		fflush(stdout);
		exit(c->argc > 1 ? atoi(c->argv[1]) & 0xff : last_status);
	} else if (!strcmp(name, "export")) {
		*status = builtin_export(c);
	} else if (!strcmp(name, "unset")) {
		for (i = 1; i < c->argc; i++)
			unsetenv(c->argv[i]);
		*status = 0;
	} else if (!strcmp(name, "wait")) {
		*status = builtin_wait();
	} else if (!strcmp(name, "pwd")) {
		char cwd[4096];

		*status = getcwd(cwd, sizeof(cwd)) ? 0 : 1;
		if (*status)
			fprintf(stderr, "sh: pwd: %s\n", strerror(errno));
		else
			printf("%s\n", cwd);
	} else if (!strcmp(name, "true") || !strcmp(name, ":")) {
		*status = 0;
	} else if (!strcmp(name, "false")) {
		*status = 1;
	} else if (!strcmp(name, "exec")) {
		if (apply_redirs(c) < 0) {
			*status = 1;
			return 1;
		}
		if (c->argc > 1) {
			for (i = 0; i < c->nassign; i++)
				putenv(c->assigns[i]);
			memmove(c->argv, c->argv + 1,
				(size_t)c->argc * sizeof(char *));
			c->argc--;
			exec_cmd(c);
		}
		*status = 0;
	} else {
		return 0;
	}
	return 1;
}

/* The child side of one pipeline stage. */
static _Noreturn void child(struct cmd *c, int in, int out)
{
	int i, status;

	/* Back to default actions for what the interactive shell catches. */
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (in != 0) {
		dup2(in, 0);
		close(in);
	}
	if (out != 1) {
		dup2(out, 1);
		close(out);
	}
	if (apply_redirs(c) < 0)
		_exit(1);
	if (c->argc == 0)
		_exit(0);
	for (i = 0; i < c->nassign; i++)
		putenv(c->assigns[i]);
	if (run_builtin(c, &status)) {
		fflush(stdout);
		_exit(status);
	}
	exec_cmd(c);
}

static void job_text(struct pipeline *pl, char *buf, size_t size)
{
	size_t used = 0;
	int i, k;

	buf[0] = '\0';
	for (i = 0; i < pl->ncmds; i++)
		for (k = 0; k < pl->cmds[i].argc; k++)
			used += (size_t)snprintf(buf + used,
				used < size ? size - used : 0, "%s%s",
				used ? (k ? " " : " | ") : "",
				pl->cmds[i].argv[k]);
	if (used >= size && size > 4)
		strcpy(buf + size - 4, "...");
}

static int run_pipeline(struct pipeline *pl, int background)
{
	pid_t pids[MAX_CMDS];
	int i, in = 0, fds[2], status = 0;
	struct cmd *c = &pl->cmds[0];
	struct job *j;

	/* A lone assignment sets a variable; a lone builtin runs here. */
	if (pl->ncmds == 1 && !background && c->argc == 0 && !c->nredir) {
		for (i = 0; i < c->nassign; i++)
			putenv(c->assigns[i] = strdup(c->assigns[i]));
		return 0;
	}
	if (pl->ncmds == 1 && !background && c->argc > 0 &&
	    !c->nassign && run_builtin(c, &status))
		return status;

	fflush(stdout);
	for (i = 0; i < pl->ncmds; i++) {
		fds[0] = -1;
		fds[1] = 1;
		if (i + 1 < pl->ncmds && pipe(fds) < 0) {
			fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
			status = 1;
			break;
		}
		pids[i] = fork();
		if (pids[i] < 0) {
			fprintf(stderr, "sh: fork: %s\n", strerror(errno));
			if (fds[0] >= 0) {
				close(fds[0]);
				close(fds[1]);
			}
			break;
		}
		if (pids[i] == 0) {
			if (fds[0] >= 0)
				close(fds[0]);
			child(&pl->cmds[i], in, fds[1]);
		}
		if (in != 0)
			close(in);
		if (fds[1] != 1)
			close(fds[1]);
		in = fds[0];
	}
	if (in > 0)
		close(in);
	if (i < pl->ncmds && i == 0)
		return 1;
	if (background) {
		for (j = jobs; j < jobs + MAX_JOBS && j->id; j++)
			;
		if (j == jobs + MAX_JOBS) {
			fprintf(stderr, "sh: too many jobs\n");
			return 0;
		}
		j->id = (int)(j - jobs) + 1;
		j->npids = i;
		j->left = i;
		memcpy(j->pids, pids, (size_t)i * sizeof(pid_t));
		job_text(pl, j->text, sizeof(j->text));
		last_bg = pids[i - 1];
		if (interactive)
			fprintf(stderr, "[%d] %d\n", j->id, pids[i - 1]);
		return 0;
	}
	for (int k = 0; k < i; k++) {
		while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
			;
		if (k == i - 1 && WIFSIGNALED(status))
			report_signal(status, "");
	}
	return status_code(status);
}

/* Parse and run a whole text: lists of pipelines joined by ; & && ||. */
static void run_text(const char *text)
{
	struct lexer lx = { .p = text };
	struct pipeline *pl = malloc(sizeof(*pl));
	enum tok sep = T_SEMI;		/* what joined this pipeline to the last */
	int skip, status;

	if (!pl)
		exit(2);
	lex_next(&lx);
	while (lx.tok != T_END) {
		if (lx.tok == T_SEMI) {
			lex_next(&lx);
			sep = T_SEMI;
			continue;
		}
		pl->ncmds = 0;
		for (;;) {
			if (pl->ncmds == MAX_CMDS) {
				fprintf(stderr, "sh: pipeline too long\n");
				goto error;
			}
			if (parse_cmd(&lx, &pl->cmds[pl->ncmds]) < 0)
				goto error;
			if (pl->cmds[pl->ncmds].argc == 0 &&
			    pl->cmds[pl->ncmds].nassign == 0 &&
			    pl->cmds[pl->ncmds].nredir == 0) {
				fprintf(stderr, "sh: syntax error near unexpected token\n");
				goto error;
			}
			pl->ncmds++;
			if (lx.tok != T_PIPE)
				break;
			lex_next(&lx);
		}
		skip = (sep == T_AND && last_status != 0) ||
		       (sep == T_OR && last_status == 0);
		if (!skip) {
			status = run_pipeline(pl, lx.tok == T_BG);
			last_status = status;
		}
		sep = lx.tok;
		if (lx.tok != T_END)
			lex_next(&lx);
		if ((sep == T_AND || sep == T_OR) && lx.tok == T_END) {
			fprintf(stderr, "sh: syntax error: unexpected end\n");
			goto error;
		}
	}
	free(pl);
	line_free_all();
	return;
error:
	last_status = 2;
	free(pl);
	line_free_all();
}

/* One line from fd, a byte at a time so that whatever follows stays for the
 * commands we start (as bash does on a pipe). NULL at end of input. */
static char *read_line(int fd)
{
	static struct sbuf b;
	ssize_t n;
	char c;

	b.len = 0;
	sb_add(&b, "", 0);
	for (;;) {
		n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR) {
			if (interactive) {	/* ^C: drop the line */
				fputc('\n', stderr);
				b.s[0] = '\0';
				return b.s;
			}
			continue;
		}
		if (n <= 0)
			return b.len ? b.s : NULL;
		if (c == '\n')
			return b.s;
		sb_addc(&b, c);
	}
}

static void on_interrupt(int sig)
{
	(void)sig;
}

static void run_fd(int fd)
{
	char *line;

	for (;;) {
		reap_background();
		if (interactive) {
			fputs("$ ", stderr);
			fflush(stderr);
		}
		line = read_line(fd);
		if (!line)
			break;
		run_text(line);
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	int fd;

	setvbuf(stdout, NULL, _IONBF, 0);	/* children share our fds */
	if (argc > 2 && !strcmp(argv[1], "-c")) {
		if (argc > 3)
			arg0 = argv[3];
		pos_args = argv + 4;
		pos_count = argc > 4 ? argc - 4 : 0;
		run_text(argv[2]);
		return last_status;
	}
	if (argc > 1) {
		fd = open(argv[1], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
			return 127;
		}
		arg0 = argv[1];
		pos_args = argv + 2;
		pos_count = argc - 2;
		run_fd(fd);
		return last_status;
	}
	interactive = isatty(0);
	if (interactive) {
		/* A handler, not SIG_IGN: exec resets it for our children. */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_interrupt;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
	}
	run_fd(0);
	if (interactive)
		fputs("exit\n", stderr);
	return last_status;
}
