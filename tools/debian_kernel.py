"""Debian's Linux kernel image for an arch, the Linux peer that tools/faultabi
and tools/bench-smp boot in QEMU: `apt-get download` of the kernel package
with a private apt state (the machine's apt configuration and dpkg database
are left alone: no dpkg --add-architecture, nothing installed), unpacked
only as far as /boot."""
import os
import re
import shutil
import subprocess

# Our arch names -> Debian's.
DEB_ARCH = {"x86_64": "amd64", "arm64": "arm64"}


def apt(args, cwd, state, deb_arch):
    """apt-get/apt-cache for deb_arch packages with its package lists under
    state; downloads land in cwd."""
    for d in ("lists/partial", "cache/archives/partial"):
        os.makedirs(os.path.join(state, d), exist_ok=True)
    opts = ["-o", "APT::Architecture=" + deb_arch,
            "-o", "APT::Architectures::=" + deb_arch,
            "-o", "Dir::State::Lists=" + os.path.join(state, "lists"),
            "-o", "Dir::Cache=" + os.path.join(state, "cache"),
            "-o", "Dir::State::status=/dev/null"]
    return subprocess.run([args[0]] + opts + args[1:], cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)


def fetch(kdir, state, cwd, arch, log):
    """Path of Debian's vmlinuz for arch in kdir (fetched once), or raise
    RuntimeError. state: the private apt state; cwd: where apt-get
    download puts the .deb for the moment; log(msg) reports progress."""
    deb_arch = DEB_ARCH[arch]
    found = [f for f in os.listdir(kdir) if f.startswith("vmlinuz-")] \
        if os.path.isdir(kdir) else []
    if found:
        return os.path.join(kdir, sorted(found)[-1])
    os.makedirs(kdir, exist_ok=True)
    os.makedirs(cwd, exist_ok=True)
    log("fetching Debian's %s kernel (apt-get download)" % arch)
    p = apt(["apt-get", "update"], cwd, state, deb_arch)
    if p.returncode != 0:
        raise RuntimeError("apt-get update: " + p.stdout[-500:])
    # The metapackage names the current versioned kernel package.
    meta = "linux-image-" + deb_arch
    p = apt(["apt-cache", "show", meta], cwd, state, deb_arch)
    m = re.search(r"^Depends: (linux-image-[0-9][^ ,]*-%s)\b" % deb_arch,
                  p.stdout, re.M)
    if not m:
        raise RuntimeError("no %s in apt-cache:\n%s" % (meta,
                                                        p.stdout[-500:]))
    pkg = m.group(1)
    p = apt(["apt-get", "download", pkg], cwd, state, deb_arch)
    debs = [f for f in os.listdir(cwd) if f.startswith(pkg + "_") and
            f.endswith(".deb")]
    if not debs:
        raise RuntimeError("apt-get download %s:\n%s" % (pkg, p.stdout[-500:]))
    deb = os.path.join(cwd, debs[0])
    # Unpack (not install): only /boot is needed, not the modules.
    unpack = os.path.join(kdir, "pkg")
    shutil.rmtree(unpack, ignore_errors=True)
    os.makedirs(unpack)
    tar = subprocess.run("dpkg-deb --fsys-tarfile '%s' | tar -x -C '%s' "
                         "./boot" % (deb, unpack), shell=True)
    os.unlink(deb)
    if tar.returncode != 0:
        raise RuntimeError("dpkg-deb of %s failed" % deb)
    for f in os.listdir(os.path.join(unpack, "boot")):
        if f.startswith(("vmlinuz-", "config-")):
            os.rename(os.path.join(unpack, "boot", f), os.path.join(kdir, f))
    shutil.rmtree(unpack)
    found = [f for f in os.listdir(kdir) if f.startswith("vmlinuz-")]
    if not found:
        raise RuntimeError("%s has no /boot/vmlinuz-*" % pkg)
    return os.path.join(kdir, found[0])
