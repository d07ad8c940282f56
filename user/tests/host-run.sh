#!/bin/bash
# Runs the user-space programs on the HOST, natively or under qemu-user, as
# a check that needs no Faultline kernel: libc_selftest, then shell cases
# whose output is compared with what bash gives. KTAP on stdout.
#   user/tests/host-run.sh <arch> <build dir (the O= of user/Makefile)>
# qemu-user cannot exec binaries of a foreign arch without binfmt_misc, so
# on arm64/riscv64 the shell under test runs the host's commands (its own
# logic is what is tested); on x86_64 it runs our coreutils.
set -u
arch=$1
O=$2
case $arch in
x86_64) run=() ;;
arm64) run=(qemu-aarch64) ;;
riscv64) run=(qemu-riscv64) ;;
*) echo "unknown arch $arch" >&2; exit 2 ;;
esac
if [ "$arch" = x86_64 ] && [ "$(uname -m)" != x86_64 ]; then
	run=(qemu-x86_64)
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if [ "$arch" = x86_64 ]; then
	path="$O/bin:/usr/bin:/bin"
else
	path="/usr/bin:/bin"
fi
n=0
failed=0

result() {		# name ok|fail [reason]
	n=$((n + 1))
	if [ "$2" = ok ]; then
		echo "ok $n $1"
	else
		echo "not ok $n $1 # $3"
		failed=$((failed + 1))
	fi
}

# name, script, expected stdout+stderr, expected status
shcase() {
	local out status
	out=$(cd "$T" && PATH=$path timeout 20 "${run[@]}" "$O/bin/sh" -c "$2" 2>&1)
	status=$?
	if [ "$out" = "$3" ] && [ "$status" = "$4" ]; then
		result "$1" ok
	else
		result "$1" fail "got [$out] status $status, want [$3] $4"
	fi
}

cases=20
echo "KTAP version 1"
echo "# Subtest: user-host-$arch"
echo "1..$cases"

st=$(timeout 120 "${run[@]}" "$O/tests/libc_selftest" 2>&1)
if [ $? = 0 ] && ! grep -q '^not ok' <<<"$st"; then
	result libc_selftest ok
else
	result libc_selftest fail "$(grep '^not ok' <<<"$st" | head -3 | tr '\n' ' ')"
fi

shcase pipe_redirect 'echo a | cat > x; cat < x' 'a' 0
shcase quoting 'echo "a  b" '\''c $HOME'\'' d\ e "q\"q"' 'a  b c $HOME d e q"q' 0
shcase status 'false; echo $?; true; echo $?' $'1\n0' 0
shcase and_or 'true && echo y; false || echo z; false && echo n; true || echo m' $'y\nz' 0
shcase append 'echo 1 > f; echo 2 >> f; cat f' $'1\n2' 0
shcase stderr_redirect 'cat /nonexistent 2> err; echo $?; cat err | wc -l' $'1\n1' 0
shcase dup_stderr 'cat /nonexistent 2>&1 | wc -l' '1' 0
shcase long_pipe 'echo hello | cat | cat | cat | wc -c' '6' 0
shcase not_found 'nosuchcommand; echo $?' $'sh: nosuchcommand: command not found\n127' 0
shcase segv_report 'sh -c '\''kill -SEGV $$'\''; echo $?' $'Segmentation fault\n139' 0
shcase kill_report 'sh -c '\''kill -KILL $$'\''; echo $?' $'Killed\n137' 0
shcase exit_code 'echo before; exit 7; echo after' 'before' 7
shcase background 'sleep 0.3 & echo started; wait; echo waited' $'started\nwaited' 0
shcase bg_pid 'sleep 5 & kill $!; wait; echo ok' 'ok' 0
shcase cd_pwd 'cd /; pwd; cd /nonexistent; echo $?' $'/\nsh: cd: /nonexistent: No such file or directory\n1' 0
shcase variables 'X=5; echo $X ${X}x; Y=7 sh -c '\''echo $Y'\''; echo "[$Y]"' $'5 5x\n7\n[]' 0
shcase comment 'echo a # not this' 'a' 0

printf 'echo $0 $1 $2 $#\nexit 3\necho not here\n' > "$T/script"
out=$(cd "$T" && PATH=$path timeout 20 "${run[@]}" "$O/bin/sh" script A B < /dev/null 2>&1)
status=$?
if [ "$out" = "script A B 2" ] && [ $status = 3 ]; then
	result script_args ok
else
	result script_args fail "got [$out] $status"
fi
out=$(printf 'echo one\ncat\nread by cat\n' | PATH=$path timeout 20 "${run[@]}" "$O/bin/sh" 2>&1)
if [ "$out" = $'one\nread by cat' ]; then
	result stdin_commands ok
else
	result stdin_commands fail "got [$out]"
fi
[ $n = $cases ] || echo "# plan says $cases, ran $n"
echo "# $arch: $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
