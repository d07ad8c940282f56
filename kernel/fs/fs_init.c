/* Building the file system tree at boot: the root ramfs with /dev (console,
 * tty, null, zero, full, random, urandom, slow), /proc and /tmp, ready for
 * the initramfs on top. */
#include <fs.h>
#include <printk.h>
#include <string.h>

static void must(int err, const char *what)
{
	if (err)
		panic("fs_init: %s: error %d", what, err);
}

static void make_dev(struct inode *dev, const char *name, u32 major,
		     u32 minor, unsigned int mode)
{
	must(dev->iop->mknod(dev, name, strlen(name), S_IFCHR | mode,
			     mkdev(major, minor), NULL), name);
}

void fs_init(void)
{
	struct inode *root, *dev, *proc, *sys;

	root = ramfs_create_root();
	if (!root)
		panic("fs_init: no memory for the root");
	fs_root = root;

	must(root->iop->mkdir(root, "dev", 3, 0755), "/dev");
	must(path_walk(root, "/dev", 0, &dev), "/dev");
	make_dev(dev, "console", 5, 1, 0600);
	make_dev(dev, "tty", 5, 0, 0666);
	make_dev(dev, "null", 1, 3, 0666);
	make_dev(dev, "zero", 1, 5, 0666);
	make_dev(dev, "full", 1, 7, 0666);
	make_dev(dev, "random", 1, 8, 0666);
	make_dev(dev, "urandom", 1, 9, 0666);
	make_dev(dev, "slow", 1, 250, 0666);
	iput(dev);

	proc = procfs_create_root();
	if (!proc)
		panic("fs_init: no memory for /proc");
	must(inode_set_dir_link(proc, root, "proc", 4), "/proc");
	must(ramfs_attach(root, "proc", proc), "/proc");

	sys = sysfs_create_root();
	if (!sys)
		panic("fs_init: no memory for /sys");
	must(inode_set_dir_link(sys, root, "sys", 3), "/sys");
	must(ramfs_attach(root, "sys", sys), "/sys");

	must(root->iop->mkdir(root, "tmp", 3, 01777), "/tmp");
}
