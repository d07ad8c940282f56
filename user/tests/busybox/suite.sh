# The busybox suite: Debian's busybox (tools/busybox) driven through its
# shell and applets, one KTAP suite "busybox" on stdout. Each check runs a
# shell function in a directory of its own, with a watchdog, and compares
# everything it printed (stdout and stderr, and its exit status when not
# 0) with the output Linux gives. Nothing compared depends on time, pids
# or the machine; du's figures assume 4 KiB blocks (ext4, tmpfs and
# Faultline's ramfs all count so).
#
# The oracle is Linux: on a Linux x86_64 host, as root, every check passes
# with Debian's amd64 busybox:
#   tools/busybox x86_64
#   B=$PWD/build/debian/busybox-x86_64/busybox
#   BUSYBOX=$B $B sh user/tests/busybox/suite.sh
# On Faultline, /tests/busybox/run starts it as pid 1 (tools/test does).
#
# Applets are run through a directory of links that the suite makes in its
# scratch directory and is the whole PATH, so neither the host's commands
# nor Faultline's own /bin programs can answer for busybox's. Without
# /proc/self/exe (what busybox re-executes to run an applet) the shell then
# falls back on that PATH; the std_exec check tests /proc/self/exe itself.
#
# Environment: BUSYBOX (the binary, default /bin/busybox), TMPDIR (where
# the scratch directory goes, default /tmp), BBSUITE_TIMEOUT (seconds per
# check, default 20), BBSUITE_KEEP=1 keeps the scratch directory.

BB=${BUSYBOX:-/bin/busybox}
TIMEOUT=${BBSUITE_TIMEOUT:-20}
W=${TMPDIR:-/tmp}/bbsuite.$$
umask 022
TZ=UTC
LC_ALL=C
export TZ LC_ALL
unset ENV CDPATH

CHECKS=
# t NAME 'EXPECTED': register the check t_NAME and what it must print.
t() {
	eval "want_$1=\$2"
	CHECKS="$CHECKS $1"
}

# ---------------------------------------------------------------- the shell

t sh_if 'b'
t_sh_if() {
	x=2
	if [ $x -eq 1 ]; then echo a; elif [ $x -eq 2 ]; then echo b; else echo c; fi
}

t sh_while '1345'
t_sh_while() {
	i=0 s=
	while :; do
		i=$((i + 1))
		[ $i -eq 2 ] && continue
		[ $i -gt 5 ] && break
		s=$s$i
	done
	echo "$s"
}

t sh_until '3'
t_sh_until() {
	n=0
	until [ $n -ge 3 ]; do n=$((n + 1)); done
	echo $n
}

t sh_for '[a]
[b c]
[d]'
t_sh_for() {
	for w in a "b c" d; do echo "[$w]"; done
}

t sh_for_args '<x>
<y z>'
t_sh_for_args() {
	set -- x "y z"
	for a; do echo "<$a>"; done
}

t sh_case 'A B Z ?'
t_sh_case() {
	r=
	for w in apple b7 zz q; do
		case $w in
		a*) r="$r A" ;;
		[b-c][0-9]) r="$r B" ;;
		x | zz) r="$r Z" ;;
		*) r="$r ?" ;;
		esac
	done
	echo $r
}

t sh_func_recursion '120'
t_sh_func_recursion() {
	fact() {
		if [ "$1" -le 1 ]; then echo 1
		else echo $(($1 * $(fact $(($1 - 1))))); fi
	}
	fact 5
}

t sh_local 'inner outer'
t_sh_local() {
	x=outer
	f() { local x=inner; printf '%s ' $x; }
	f
	echo $x
}

t sh_return '7'
t_sh_return() {
	f() { return 7; }
	f
	echo $?
}

t sh_arith '19 40 2 1024 -3 31 0 1'
t_sh_arith() {
	echo $((7 + 3 * 4)) $(((7 + 3) * 4)) $((17 % 5)) $((1 << 10)) \
		$((-7 / 2)) $((0x1f)) $((3 > 2 && 2 > 3)) $((5 == 5))
}

t sh_arith_assign '8 8 9'
t_sh_arith_assign() {
	i=5
	: $((i += 3))
	echo $i $((i++)) $i
}

t sh_heredoc 'hello world
sub 3'
t_sh_heredoc() {
	x=world
	cat <<EOF
hello $x
$(echo sub) $((1 + 2))
EOF
}

t sh_heredoc_quoted '$x `y` $(z)'
t_sh_heredoc_quoted() {
	cat <<'EOF'
$x `y` $(z)
EOF
}

t sh_heredoc_tabs 'no tabs
left'
t_sh_heredoc_tabs() {
	cat <<-EOF
		no tabs
	left
	EOF
}

t sh_subshell '2 1'
t_sh_subshell() {
	x=1
	y=$(x=2; echo $x)
	echo $y $x
}

t sh_pipeline_status '0 1'
t_sh_pipeline_status() {
	false | true
	a=$?
	true | false
	echo $a $?
}

t sh_pipeline 'c
b'
t_sh_pipeline() {
	printf 'a\nb\nc\n' | sort -r | head -n 2
}

t sh_not_andor '0 1 a d'
t_sh_not_andor() {
	! false
	a=$?
	! true
	b=$?
	r=$(true && echo a || echo b)
	s=$(false && echo c || echo d)
	echo $a $b $r $s
}

t sh_exit_status '42 3'
t_sh_exit_status() {
	(exit 42)
	a=$?
	sh -c 'exit 3'
	echo $a $?
}

t sh_not_found '127'
t_sh_not_found() {
	no_such_command_here 2>/dev/null
	echo $?
}

t sh_trap_exit 'hi
bye'
t_sh_trap_exit() {
	(trap 'echo bye' EXIT; echo hi)
}

t sh_trap_signal 'got USR1
after'
t_sh_trap_signal() {
	sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'
}

t sh_trap_term_exit 'term
5'
t_sh_trap_term_exit() {
	sh -c 'trap "echo term; exit 5" TERM; kill -TERM $$; echo not here'
	echo $?
}

t sh_cmdsubst 'in in'
t_sh_cmdsubst() {
	echo $(echo $(echo in)) `echo in`
}

t sh_param 'foo.tar foo tar.gz 10 dflt set'
t_sh_param() {
	x=foo.tar.gz
	echo ${x%.gz} ${x%%.*} ${x#*.} ${#x} ${nothing:-dflt} ${x:+set}
}

t sh_positional '2 c c d'
t_sh_positional() {
	set -- a b c d
	shift 2
	echo $# $1 "$*"
}

t sh_ifs '4 [b] []'
t_sh_ifs() {
	IFS=:
	set -- $(echo a:b::c)
	echo $# "[$2]" "[$3]"
}

t sh_read_pipe 'two three|one'
t_sh_read_pipe() {
	printf 'one two three\n' | { read a b; echo "$b|$a"; }
}

t sh_read_heredoc '0=root
1=bin'
t_sh_read_heredoc() {
	while IFS=: read u p; do
		echo "$p=$u"
	done <<EOF
root:0
bin:1
EOF
}

t sh_read_r 'a\b|ab'
t_sh_read_r() {
	printf 'a\\b\na\\b\n' | { read -r x; read y; echo "$x|$y"; }
}

t sh_cd_pwd '/a/b
/a
/a/b'
t_sh_cd_pwd() {
	top=$(pwd)
	mkdir -p a/b
	cd a/b
	p=$(pwd); echo "${p#"$top"}"
	cd ..
	p=$(pwd); echo "${p#"$top"}"
	cd - >/dev/null
	echo "${PWD#"$top"}"
}

t sh_cd_symlink 'lnk real'
t_sh_cd_symlink() {
	mkdir real
	ln -s real lnk
	cd lnk
	p=$(pwd -P)
	echo "${PWD##*/}" "${p##*/}"
}

t sh_eval '12'
t_sh_eval() {
	eval 'a=1; b=$((a + 1))'
	echo $a$b
}

t sh_exec_fd 'x
y'
t_sh_exec_fd() {
	exec 3>f
	echo x >&3
	echo y >&3
	exec 3>&-
	cat f
}

t sh_redirect 'out
err
out
more'
t_sh_redirect() {
	{ echo out; echo err >&2; } >o 2>e
	cat o e
	echo more >>o
	cat <o
}

t sh_wait_bg '3'
t_sh_wait_bg() {
	(exit 3) &
	wait $!
	echo $?
}

t sh_getopts 'a
b=val
x'
t_sh_getopts() {
	set -- -a -b val x
	while getopts ab: o; do echo "$o${OPTARG:+=$OPTARG}"; done
	shift $((OPTIND - 1))
	echo "$1"
}

t sh_printf 'a|    b|c  |007|ff|x|3.50'
t_sh_printf() {
	printf '%s|%5s|%-3s|%03d|%x|%c|%.2f\n' a b c 7 255 xyz 3.5
}

t sh_test 'yes'
t_sh_test() {
	[ abc = abc ] && [ 3 -lt 10 ] && [ -n x ] && [ -z "" ] &&
		[ ! -e nonexistent ] && [ -d . ] && ! [ 2 -gt 5 ] && echo yes
}

t sh_c_args 'zero one 2'
t_sh_c_args() {
	sh -c 'echo $0 $1 $#' zero one two
}

t sh_script_file 'script got arg
0'
t_sh_script_file() {
	printf 'echo script got $1\nexit 0\n' >s.sh
	sh ./s.sh arg
	echo $?
}

t sh_exec_script 'ran x'
t_sh_exec_script() {
	printf '#!/bin/sh\necho ran $1\n' >s
	chmod +x s
	./s x
}

t sh_set_e '1'
t_sh_set_e() {
	sh -c 'set -e; false; echo not reached'
	echo $?
}

t sh_set_u '2'
t_sh_set_u() {
	sh -c 'set -u; echo $nope' 2>/dev/null
	echo $?
}

t sh_glob 'a b c.x
c.x
a b
[z]*'
t_sh_glob() {
	: >b; : >a; : >c.x
	echo *
	echo *.x
	echo [ab]
	echo [z]*
}

t sh_echo_n 'ab'
t_sh_echo_n() {
	echo -n a
	echo b
}

# ---------------------------------------------------------------- files

t cp 'data'
t_cp() {
	echo data >a
	cp a b
	cat b
}

t cp_p '640 981173106'
t_cp_p() {
	echo x >a
	chmod 640 a
	touch -d '2001-02-03 04:05:06' a
	cp -p a b
	stat -c '%a %Y' b
}

t cp_r 't
t/d
t/d/g
t/f
2'
t_cp_r() {
	mkdir -p s/d
	echo 1 >s/f
	echo 2 >s/d/g
	cp -r s t
	find t | sort
	cat t/d/g
}

t cp_into_dir 'one'
t_cp_into_dir() {
	mkdir d
	echo one >f
	cp f d/
	cat d/f
}

t mv 'm gone'
t_mv() {
	echo m >a
	mv a b
	r=$(cat b)
	[ -e a ] && echo "$r still" || echo "$r gone"
}

t mv_into_dir 'f'
t_mv_into_dir() {
	mkdir d
	echo z >f
	mv f d/
	ls d
}

t ln 'h
more
2'
t_ln() {
	echo h >a
	ln a b
	echo more >>b
	cat a
	stat -c %h a
}

t ln_s 's
t
lrwxrwxrwx t'
t_ln_s() {
	echo s >t
	ln -s t l
	cat l
	readlink l
	ls -l l | awk '{print $1, $NF}'
}

t ln_sf 'b'
t_ln_sf() {
	ln -s a l
	ln -sf b l
	readlink l
}

t rm_r 'removed'
t_rm_r() {
	mkdir -p d/e/f
	: >d/e/f/x
	: >d/y
	rm -r d
	[ -e d ] && echo left || echo removed
}

t rm_f '0 1'
t_rm_f() {
	rm -f nonexistent
	a=$?
	rm nonexistent 2>/dev/null
	echo $a $?
}

t mkdir_p '0 dir'
t_mkdir_p() {
	mkdir -p a/b/c
	mkdir -p a/b/c
	echo $? "$([ -d a/b/c ] && echo dir)"
}

t rmdir 'end'
t_rmdir() {
	mkdir -p a/b
	rmdir a/b a
	ls
	echo end
}

t touch_new 'created 0'
t_touch_new() {
	touch newf
	[ -f newf ] && echo created $(stat -c %s newf)
}

t touch_d '981173106'
t_touch_d() {
	: >f
	touch -d '2001-02-03 04:05:06' f
	stat -c %Y f
}

t chmod '751
-rw-r-x-wx'
t_chmod() {
	: >f
	chmod 751 f
	stat -c %a f
	chmod u-x,o+w f
	stat -c %A f
}

t stat '5 regular file
directory
character special file 1,3'
t_stat() {
	printf 12345 >f
	mkdir d
	stat -c '%s %F' f
	stat -c %F d
	stat -c '%F %t,%T' /dev/null
}

t stat_link 'symbolic link
regular file'
t_stat_link() {
	echo x >f
	ln -s f l
	stat -c %F l
	stat -L -c %F l
}

t ls 'a
b
c
.
..'
t_ls() {
	: >b; : >a; mkdir c
	ls
	ls -a | head -n 2
}

t ls_l '-rw-r--r-- 1 3 f
drwxr-xr-x d'
t_ls_l() {
	printf abc >f
	mkdir d
	ls -l f | awk '{print $1, $2, $5, $NF}'
	ls -ld d | awk '{print $1, $NF}'
}

t find_name './a/b/y.c
./a/x.c'
t_find_name() {
	mkdir -p a/b
	: >a/x.c; : >a/b/y.c; : >a/b/z.h
	find . -name '*.c' | sort
}

t find_type '.
./a
./a/b
./a/b/f'
t_find_type() {
	mkdir -p a/b
	: >a/b/f
	find . -type d | sort
	find . -type f
}

t find_exec 'inside h'
t_find_exec() {
	mkdir -p a/b
	echo inside h >a/b/z.h
	find . -name '*.h' -exec cat {} \;
}

t find_maxdepth './f'
t_find_maxdepth() {
	mkdir -p a/b
	: >f; : >a/g; : >a/b/h
	find . -maxdepth 1 -type f
}

t du '12	f'
t_du() {
	dd if=/dev/zero of=f bs=4096 count=3 2>/dev/null
	du -k f
}

t du_tree '3
12	total'
t_du_tree() {
	mkdir d
	dd if=/dev/zero of=d/a bs=4096 count=1 2>/dev/null
	dd if=/dev/zero of=d/b bs=4096 count=2 2>/dev/null
	du -a d | wc -l
	du -c -k d/a d/b | tail -n 1
}

t df 'Filesystem 1024-blocks
sizes'
t_df() {
	df -P . | awk 'NR == 1 {print $1, $2}
		NR == 2 {print ($2 > 0 && $4 >= 0) ? "sizes" : "no sizes: " $0}'
}

t mkfifo 'fifo
through'
t_mkfifo() {
	mkfifo p
	stat -c %F p
	echo through >p &
	cat p
	wait
}

t dd '3456'
t_dd() {
	printf 0123456789 | dd bs=1 skip=3 count=4 2>/dev/null
	echo
}

t truncate '10 3'
t_truncate() {
	truncate -s 10 f
	a=$(stat -c %s f)
	truncate -s 3 f
	echo $a $(stat -c %s f)
}

t basename_dirname 'z
/x/y
.'
t_basename_dirname() {
	basename /x/y/z.c .c
	dirname /x/y/z.c
	dirname file
}

t realpath '/d/e'
t_realpath() {
	top=$(realpath .)
	mkdir -p d/e
	ln -s d/e l
	p=$(realpath l)
	echo "${p#"$top"}"
}

# ---------------------------------------------------------------- text

t sed_s 'Hell0 w0rld'
t_sed_s() {
	echo 'hello world' | sed 's/o/0/g; s/^h/H/'
}

t sed_n '2
3'
t_sed_n() {
	printf '1\n2\n3\n4\n' | sed -n '2,3p'
}

t sed_E 'cd-ab'
t_sed_E() {
	echo ab-cd | sed -E 's/([a-z]+)-([a-z]+)/\2-\1/'
}

t sed_d 'a
b'
t_sed_d() {
	printf 'a\n#c\nb\n' | sed '/^#/d'
}

t sed_i 'x
z'
t_sed_i() {
	printf 'x\ny\n' >f
	sed -i 's/y/z/' f
	cat f
}

t sed_ia 'top
a
end'
t_sed_ia() {
	echo a | sed '1i top
$a end'
}

t awk_fields 'b 3'
t_awk_fields() {
	echo 'a b c' | awk '{print $2, NF}'
}

t awk_sum '6 3'
t_awk_sum() {
	printf '1\n2\n3\n' | awk '{s += $1} END {print s, NR}'
}

t awk_F 'z'
t_awk_F() {
	echo x:y:z | awk -F: '{print $NF}'
}

t awk_array '2 1'
t_awk_array() {
	printf 'a\nb\na\n' | awk '{c[$1]++} END {print c["a"], c["b"]}'
}

t awk_printf ' 3.14|42|s'
t_awk_printf() {
	awk 'BEGIN {printf "%5.2f|%d|%s\n", 3.14159, 42, "s"}'
}

t awk_strings '3 ell X 3
3 c a-b-c'
t_awk_strings() {
	awk 'BEGIN {print length("abc"), substr("hello", 2, 3), toupper("x"),
		index("abc", "c")
		s = "a.b.c"; n = split(s, p, "."); gsub(/\./, "-", s)
		print n, p[3], s}'
}

t grep 'Banana
Banana
2
cherry'
t_grep() {
	printf 'apple\nBanana\ncherry\n' >f
	grep an f
	grep -i b f
	grep -c e f
	grep -v a f
}

t grep_E_o 'apple
cherry
an
an'
t_grep_E_o() {
	printf 'apple\nBanana\ncherry\n' >f
	grep -E '^(a|c)' f
	grep -o an f
}

t grep_q '1 0'
t_grep_q() {
	echo apple >f
	grep -q zzz f
	a=$?
	grep -q app f
	echo $a $?
}

t grep_r 'd/e/x:needle'
t_grep_r() {
	mkdir -p d/e
	echo needle >d/e/x
	echo hay >d/y
	grep -r needle d
}

t sort 'a
b
c'
t_sort() {
	printf 'b\na\nc\n' | sort
}

t sort_n '9
10
100
100
10
9'
t_sort_n() {
	printf '10\n9\n100\n' | sort -n
	printf '10\n9\n100\n' | sort -rn
}

t sort_k 'y 1
z 2
x 3'
t_sort_k() {
	printf 'x 3\ny 1\nz 2\n' | sort -k2,2n
}

t sort_u 'a
b'
t_sort_u() {
	printf 'b\na\nb\n' | sort -u
}

t uniq '      2 a
      1 b
      1 a
a'
t_uniq() {
	printf 'a\na\nb\na\n' >f
	uniq -c f
	uniq -d f
}

t cut 'b:d
bcd'
t_cut() {
	echo a:b:c:d | cut -d: -f2,4
	echo abcdef | cut -c2-4
}

t tr 'HELLO
a b c
abc'
t_tr() {
	echo hello | tr a-z A-Z
	echo 'a  b   c' | tr -s ' '
	echo abc123 | tr -d 0-9
}

t wc '2 3 14
2'
t_wc() {
	printf 'one two\nthree\n' >f
	echo $(wc -l -w -c <f)
	wc -l <f
}

t head '1
2
3
ab'
t_head() {
	seq 10 | head -n 3
	printf abcdef | head -c 2
	echo
}

t tail '9
10
4
5'
t_tail() {
	seq 10 | tail -n 2
	seq 5 | tail -n +4
}

t od '0000000   A   B  \n
0000003
 41 42 0a'
t_od() {
	printf 'AB\n' | od -c
	printf 'AB\n' | od -An -tx1
}

t md5sum '900150983cd24fb0d6963f7d28e17f72  -
f: OK'
t_md5sum() {
	printf abc | md5sum
	printf abc >f
	md5sum f >sums
	md5sum -c sums
}

t sha256sum 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -'
t_sha256sum() {
	printf abc | sha256sum
}

t sha1sum 'a9993e364706816aba3e25717850c26c9cd0d89d  -'
t_sha1sum() {
	printf abc | sha1sum
}

t seq '2 5 8 11'
t_seq() {
	echo $(seq 2 3 11)
}

t xargs 'x a b c
a b
c'
t_xargs() {
	printf 'a\nb\nc\n' | xargs echo x
	printf 'a\nb\nc\n' | xargs -n 2
}

t expr '42
3
b'
t_expr() {
	expr 6 \* 7
	expr length abc
	expr abc : 'a\(.\)'
}

t diff ' a
-b
+c
1'
t_diff() {
	printf 'a\nb\n' >x
	printf 'a\nc\n' >y
	diff -u x y >d
	s=$?
	tail -n 3 d
	echo $s
}

t cmp 'x y differ: char 3, line 2
1'
t_cmp() {
	printf 'a\nb\n' >x
	printf 'a\nc\n' >y
	cmp x y
	echo $?
}

t tee 't
t'
t_tee() {
	echo t | tee f
	cat f
}

t printf_applet '5-x'
t_printf_applet() {
	env printf '%d-%s\n' 5 x
}

t yes_sigpipe 'ab
ab
ab'
t_yes_sigpipe() {
	yes ab | head -n 3
}

t tac_rev '2
1
cba'
t_tac_rev() {
	printf '1\n2\n' | tac
	echo abc | rev
}

t base64 'aGVsbG8=
hello'
t_base64() {
	printf hello | base64
	echo aGVsbG8= | base64 -d
	echo
}

t xxd '6869'
t_xxd() {
	printf hi | xxd -p
}

t date_epoch '1970-01-01T00:00:00 2001-02-03'
t_date_epoch() {
	echo $(date -u -d @0 +%Y-%m-%dT%H:%M:%S) $(date -u -d @981173106 +%F)
}

# ---------------------------------------------------------------- archives

t tar 'out/src
out/src/a
out/src/sub
out/src/sub/b
two'
t_tar() {
	mkdir -p src/sub out
	echo one >src/a
	echo two >src/sub/b
	tar cf x.tar src
	tar xf x.tar -C out
	find out -mindepth 1 | sort
	cat out/src/sub/b
}

t tar_t 'src/
src/a
src/sub/
src/sub/b'
t_tar_t() {
	mkdir -p src/sub
	echo one >src/a
	echo two >src/sub/b
	tar cf x.tar src
	tar tf x.tar | sort
}

t tar_z 'src/
src/a
one'
t_tar_z() {
	mkdir src
	echo one >src/a
	tar czf x.tgz src
	tar tzf x.tgz | sort
	mkdir out
	tar xzf x.tgz -C out
	cat out/src/a
}

t tar_pipe 'src/a'
t_tar_pipe() {
	mkdir src
	echo one >src/a
	tar cf - src | tar tf - | grep a
}

t gzip 'gone
compress me'
t_gzip() {
	echo compress me >f
	gzip f
	[ -e f ] || [ ! -e f.gz ] || echo gone
	gunzip f.gz
	cat f
}

t gzip_pipe '1000'
t_gzip_pipe() {
	seq 1000 | gzip -c | gunzip -c | tail -n 1
}

t zcat 'z'
t_zcat() {
	echo z | gzip >z.gz
	zcat z.gz
}

t gzip_t '0 1'
t_gzip_t() {
	echo good | gzip >g.gz
	printf 'garbage' >b.gz
	gunzip -t g.gz
	a=$?
	gunzip -t b.gz 2>/dev/null
	echo $a $?
}

# ---------------------------------------------------------------- processes

t ps_self 'busybox sh -c'
t_ps_self() {
	"$BB" sh -c 'ps -o pid,comm,args |
		awk -v p=$$ "\$1 == p {print \$2, \$4, \$5}"'
}

t ps_init 'init'
t_ps_init() {
	ps -o pid | awk '$1 == 1 {print "init"}'
}

t kill '143'
t_kill() {
	sleep 30 &
	p=$!
	busybox kill -TERM $p
	# The shell reports "Terminated" only if the death is noticed here.
	wait $p 2>/dev/null
	echo $?
}

t kill_l 'KILL
TERM'
t_kill_l() {
	busybox kill -l 9
	busybox kill -l 15
}

t kill_0 '0 1'
t_kill_0() {
	busybox kill -0 $$
	a=$?
	(exit 0) &
	p=$!
	wait $p
	busybox kill -0 $p 2>/dev/null
	echo $a $?
}

t sleep "0
sleep: invalid number 'x'
1"
t_sleep() {
	sleep 0.1
	echo $?
	sleep x
	echo $?
}

t timeout 'Terminated
143'
t_timeout() {
	timeout 1 sleep 10
	echo $?
}

t id '0 0'
t_id() {
	echo $(id -u) $(id -g)
}

t uname_s 'Linux'
t_uname_s() {
	uname -s
}

t renice '4'
t_renice() {
	sh -c 'nice() { ps -o pid,nice | awk -v p=$$ "\$1 == p {print \$2}"; }
		a=$(nice)
		renice -n 4 -p $$ >/dev/null
		echo $(($(nice) - a))'
}

t env 'A=1
B=2'
t_env() {
	env -i A=1 B=2 env | sort
}

t env_u 'unset
set'
t_env_u() {
	X=1 env -u X sh -c 'echo ${X-unset}'
	Y=1 env sh -c 'echo ${Y+set}'
}

t dmesg 'lines'
t_dmesg() {
	n=$(dmesg | wc -l)
	[ "$n" -gt 0 ] && echo lines || echo "$n lines"
}

t true_false '0 1'
t_true_false() {
	env true
	a=$?
	env false
	echo $a $?
}

t urandom '64'
t_urandom() {
	head -c 64 /dev/urandom | wc -c
}

t urandom_differs 'differ'
t_urandom_differs() {
	a=$(head -c 16 /dev/urandom | od -An -tx1)
	b=$(head -c 16 /dev/urandom | od -An -tx1)
	[ -n "$a" ] && [ "$a" != "$b" ] && echo differ
}

t proc_self_exe 'same'
t_proc_self_exe() {
	e=$(readlink /proc/self/exe)
	[ "$e" = "$BBREAL" ] && echo same || echo "'$e', not '$BBREAL'"
}

t std_exec 'inner'
t_std_exec() {
	# No PATH: the shell can start a non-builtin applet only by
	# re-executing itself through /proc/self/exe.
	PATH=/nonexistent
	sh -c 'echo inner'
}

# ---------------------------------------------------------------- the runner

NL='
'

# The file $1 as $(cat) would give it (trailing newlines dropped) in $got,
# with builtins only: an applet here would cost an exec per check.
slurp() {
	got= pend= first=1
	while IFS= read -r l || [ -n "$l" ]; do
		if [ -z "$l" ]; then
			pend="$pend$NL"
		elif [ $first = 1 ]; then
			got="$pend$l" pend= first=0
		else
			got="$got$NL$pend$l" pend=
		fi
	done <"$1"
}

# One line, at most 160 characters: newlines as \n.
flat() {
	r= sep=
	while IFS= read -r l; do
		r="$r$sep$l"
		sep='\n'
	done <<EOF
$1
EOF
	printf '%.160s' "$r"
}

# The watchdog, one for the whole run: a check still running (the same
# pid in $W/cur) after $TIMEOUT seconds is killed, and its pid is left in
# $W/timedout.
watchdog() {
	last= count=0
	while [ -e "$W/cur" ]; do
		sleep 1
		read p <"$W/cur" || continue
		if [ "$p" != "$last" ]; then
			last=$p count=0
			continue
		fi
		count=$((count + 1))
		if [ $count -eq "$TIMEOUT" ]; then
			echo "$p" >"$W/timedout"
			kill -9 "$p"
		fi
	done
}

# Run check $2 (number $1); print its KTAP line.
run() {
	eval "want=\$want_$2"
	mkdir -p "$W/t/$2"
	(cd "$W/t/$2" && "t_$2") >"$W/out" 2>&1 </dev/null &
	pid=$!
	echo $pid >"$W/cur"
	wait $pid 2>/dev/null
	st=$?
	slurp "$W/out"
	read dead <"$W/timedout"
	if [ "$dead" = $pid ]; then
		got="timed out after ${TIMEOUT}s; printed: $got"
	elif [ $st -ne 0 ]; then
		got="$got
[exit $st]"
	fi
	if [ "$got" = "$want" ]; then
		echo "ok $1 $2"
	else
		failed=$((failed + 1))
		echo "not ok $1 $2 # got '$(flat "$got")' want '$(flat "$want")'"
	fi
}

"$BB" rm -rf "$W"
if ! "$BB" mkdir -p "$W/t" "$W/bin"; then
	echo "Bail out! cannot make $W"
	exit 1
fi
# Links for every applet; --install falls back on argv[0] (an absolute
# path) where /proc/self/exe cannot be read.
"$BB" --install -s "$W/bin" 2>/dev/null
if [ ! -e "$W/bin/sh" ]; then
	for a in $("$BB" --list); do
		"$BB" ln -s "$BB" "$W/bin/$a"
	done
fi
PATH=$W/bin
export PATH
BBREAL=$(realpath "$BB")

set -- $CHECKS
echo "KTAP version 1"
echo "# Subtest: busybox"
echo "1..$#"
: >"$W/cur"
: >"$W/timedout"
watchdog >/dev/null 2>&1 </dev/null &
dog=$!
n=0 failed=0
for c; do
	n=$((n + 1))
	run $n $c
done
rm -f "$W/cur"
kill $dog 2>/dev/null
wait $dog 2>/dev/null
echo "# busybox: $failed of $n failed"
[ "${BBSUITE_KEEP:-0}" = 1 ] || rm -rf "$W"
echo "# busybox: done"
[ $failed -eq 0 ]
