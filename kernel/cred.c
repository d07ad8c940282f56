/*
 * User and group ids (include/cred.h): the get and set calls with Linux's
 * rules for who may become whom, the supplementary groups, and what a
 * task's identity does at clone and exec. Every task starts as root.
 */
#include <cred.h>
#include <sched.h>
#include <syscalls.h>
#include <fs.h>
#include <uaccess.h>
#include <uapi/errno.h>

/*
 * The id arguments are uid_t and gid_t, 32 bits: Linux uses the low half
 * of the register, and so do we. (u32)-1 means "leave it" in the calls
 * that take several; setuid and setgid refuse it (EINVAL), the only id
 * that is not valid without user namespaces.
 */
#define NO_ID ((u32)-1)

bool cred_privileged(const struct task *t)
{
	return t->cred.euid == 0;
}

/*
 * Install new as current's credentials. As Linux's commit_creds: when the
 * effective or file-system ids change, the process stops being dumpable
 * (suid_dumpable is 0) and the parent-death signal is forgotten, so a
 * program that gave up root cannot be signalled or inspected as before.
 */
static long commit(const struct cred *new)
{
	struct cred *old = &current->cred;

	if (old->euid != new->euid || old->egid != new->egid ||
	    old->fsuid != new->fsuid || old->fsgid != new->fsgid) {
		set_dumpable(current, 0);
		current->pdeathsig = 0;
	}
	*old = *new;
	return 0;
}

/* ---- reading them ---- */

long sys_getuid(void)
{
	return current->cred.uid;
}

long sys_geteuid(void)
{
	return current->cred.euid;
}

long sys_getgid(void)
{
	return current->cred.gid;
}

long sys_getegid(void)
{
	return current->cred.egid;
}

/* Three ids to three user addresses, stopping at the first fault. */
static long put_three(u32 a, u32 b, u32 c, unsigned long pa, unsigned long pb,
		      unsigned long pc)
{
	if (put_user(a, (u32 __user *)pa) || put_user(b, (u32 __user *)pb) ||
	    put_user(c, (u32 __user *)pc))
		return -EFAULT;
	return 0;
}

long sys_getresuid(unsigned long ruid, unsigned long euid, unsigned long suid)
{
	const struct cred *c = &current->cred;

	return put_three(c->uid, c->euid, c->suid, ruid, euid, suid);
}

long sys_getresgid(unsigned long rgid, unsigned long egid, unsigned long sgid)
{
	const struct cred *c = &current->cred;

	return put_three(c->gid, c->egid, c->sgid, rgid, egid, sgid);
}

/* ---- user ids ---- */

/* Root sets all three; anyone else only the effective id, and only to
 * the real or saved one. */
long sys_setuid(unsigned long arg)
{
	struct cred new = current->cred;
	u32 uid = (u32)arg;

	if (uid == NO_ID)
		return -EINVAL;
	if (cred_privileged(current))
		new.uid = new.suid = uid;
	else if (uid != new.uid && uid != new.suid)
		return -EPERM;
	new.euid = new.fsuid = uid;
	return commit(&new);
}

/*
 * The real id may become the real or effective one, the effective id any
 * of the three; the saved id follows the effective one whenever the real
 * id is set or the effective one leaves the real one.
 */
long sys_setreuid(unsigned long rarg, unsigned long earg)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	u32 ruid = (u32)rarg, euid = (u32)earg;
	bool root = cred_privileged(current);

	if (ruid != NO_ID) {
		if (!root && ruid != old->uid && ruid != old->euid)
			return -EPERM;
		new.uid = ruid;
	}
	if (euid != NO_ID) {
		if (!root && euid != old->uid && euid != old->euid &&
		    euid != old->suid)
			return -EPERM;
		new.euid = euid;
	}
	if (ruid != NO_ID || (euid != NO_ID && euid != old->uid))
		new.suid = new.euid;
	new.fsuid = new.euid;
	return commit(&new);
}

/* Is id one of the three a non-root task may move among? */
static bool among(u32 id, u32 r, u32 e, u32 s)
{
	return id == r || id == e || id == s;
}

long sys_setresuid(unsigned long rarg, unsigned long earg, unsigned long sarg)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	u32 r = (u32)rarg, e = (u32)earg, s = (u32)sarg;

	if (!cred_privileged(current) &&
	    ((r != NO_ID && !among(r, old->uid, old->euid, old->suid)) ||
	     (e != NO_ID && !among(e, old->uid, old->euid, old->suid)) ||
	     (s != NO_ID && !among(s, old->uid, old->euid, old->suid))))
		return -EPERM;
	if (r != NO_ID)
		new.uid = r;
	if (e != NO_ID)
		new.euid = e;
	if (s != NO_ID)
		new.suid = s;
	new.fsuid = new.euid;
	return commit(&new);
}

/* Returns the old file-system id whatever happens, as Linux does: the
 * caller learns of a refusal only by asking again. */
long sys_setfsuid(unsigned long arg)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	u32 uid = (u32)arg, was = old->fsuid;

	if (uid != NO_ID && (cred_privileged(current) || uid == old->fsuid ||
			     among(uid, old->uid, old->euid, old->suid))) {
		new.fsuid = uid;
		commit(&new);
	}
	return was;
}

/* ---- group ids: the same rules, with root (euid 0) as the privilege ---- */

long sys_setgid(unsigned long arg)
{
	struct cred new = current->cred;
	u32 gid = (u32)arg;

	if (gid == NO_ID)
		return -EINVAL;
	if (cred_privileged(current))
		new.gid = new.sgid = gid;
	else if (gid != new.gid && gid != new.sgid)
		return -EPERM;
	new.egid = new.fsgid = gid;
	return commit(&new);
}

long sys_setregid(unsigned long rarg, unsigned long earg)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	u32 rgid = (u32)rarg, egid = (u32)earg;
	bool root = cred_privileged(current);

	if (rgid != NO_ID) {
		if (!root && rgid != old->gid && rgid != old->egid)
			return -EPERM;
		new.gid = rgid;
	}
	if (egid != NO_ID) {
		if (!root && egid != old->gid && egid != old->egid &&
		    egid != old->sgid)
			return -EPERM;
		new.egid = egid;
	}
	if (rgid != NO_ID || (egid != NO_ID && egid != old->gid))
		new.sgid = new.egid;
	new.fsgid = new.egid;
	return commit(&new);
}

long sys_setresgid(unsigned long rarg, unsigned long earg, unsigned long sarg)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	u32 r = (u32)rarg, e = (u32)earg, s = (u32)sarg;

	if (!cred_privileged(current) &&
	    ((r != NO_ID && !among(r, old->gid, old->egid, old->sgid)) ||
	     (e != NO_ID && !among(e, old->gid, old->egid, old->sgid)) ||
	     (s != NO_ID && !among(s, old->gid, old->egid, old->sgid))))
		return -EPERM;
	if (r != NO_ID)
		new.gid = r;
	if (e != NO_ID)
		new.egid = e;
	if (s != NO_ID)
		new.sgid = s;
	new.fsgid = new.egid;
	return commit(&new);
}

long sys_setfsgid(unsigned long arg)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	u32 gid = (u32)arg, was = old->fsgid;

	if (gid != NO_ID && (cred_privileged(current) || gid == old->fsgid ||
			     among(gid, old->gid, old->egid, old->sgid))) {
		new.fsgid = gid;
		commit(&new);
	}
	return was;
}

/* ---- supplementary groups ---- */

/* Size 0 asks how many there are; a list too small for them is EINVAL. */
long sys_getgroups(unsigned long size_arg, unsigned long list)
{
	const struct cred *c = &current->cred;
	int size = (int)size_arg;

	if (size < 0)
		return -EINVAL;
	if (!size)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	if (copy_to_user((void __user *)list, c->groups,
			 (size_t)c->ngroups * sizeof(u32)))
		return -EFAULT;
	return c->ngroups;
}

/* Root only. Kept sorted (duplicates too), as Linux keeps them, so
 * getgroups answers in ascending order whatever order they came in. */
long sys_setgroups(unsigned long size_arg, unsigned long list)
{
	struct cred new = current->cred;
	int size = (int)size_arg, i, j;

	if (!cred_privileged(current))
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX || size > NGROUPS_SMALL)
		return -EINVAL;
	if (copy_from_user(new.groups, (const void __user *)list,
			   (size_t)size * sizeof(u32)))
		return -EFAULT;
	for (i = 0; i < size; i++) {
		u32 g = new.groups[i];

		if (g == NO_ID)
			return -EINVAL;
		for (j = i; j > 0 && new.groups[j - 1] > g; j--)
			new.groups[j] = new.groups[j - 1];
		new.groups[j] = g;
	}
	new.ngroups = size;
	return commit(&new);
}

/* ---- the identity's life: clone, exec, exit ---- */

void task_clone_identity(struct task *child, const struct task *parent)
{
	child->cred = parent->cred;
	child->nice = parent->nice;
	child->dumpable = parent->dumpable;
	child->no_new_privs = parent->no_new_privs;
	child->pdeathsig = 0;
	child->exe = parent->exe;
	if (child->exe)
		iget(child->exe);
}

bool cred_exec_is_secure(void)
{
	const struct cred *c = &current->cred;

	return c->euid != c->uid || c->egid != c->gid;
}

/*
 * There are no set-user-ID programs yet, so exec keeps the effective ids
 * and makes the saved and file-system ones equal to them (Linux does the
 * same for every program). A process whose real and effective ids differ
 * stays undumpable and loses its parent-death signal, as on Linux.
 */
void task_exec_identity(struct inode *program)
{
	struct cred *c = &current->cred;
	bool secure = cred_exec_is_secure();

	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	current->dumpable = secure ? 0 : 1;
	if (secure)
		current->pdeathsig = 0;
	iget(program);
	iput(current->exe);
	current->exe = program;
}

void task_release_identity(struct task *t)
{
	iput(t->exe);
	t->exe = NULL;
}
