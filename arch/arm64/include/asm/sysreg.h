/* arm64 system-register bits used by the boot code and the C side, and
 * accessors for mrs/msr and barriers. Shared by .S and .c files. */
#ifndef ASM_ARM64_SYSREG_H
#define ASM_ARM64_SYSREG_H

#include <asm/memory.h>

/* MAIR_EL1 slots; the PTE AttrIndx field selects one. */
#define MAIR_IDX_NORMAL		0
#define MAIR_IDX_DEVICE		1
#define MAIR_ATTR_NORMAL_WB	0xff	/* inner/outer write-back, RW-allocate */
#define MAIR_ATTR_DEVICE_nGnRE	0x04
#define MAIR_EL1_VALUE		((MAIR_ATTR_NORMAL_WB << (8 * MAIR_IDX_NORMAL)) | \
				 (MAIR_ATTR_DEVICE_nGnRE << (8 * MAIR_IDX_DEVICE)))

/* TCR_EL1: 48-bit VAs both halves, 4 KiB granules, inner-shareable WBWA
 * walks. IPS is filled in at boot from ID_AA64MMFR0_EL1.PARange. */
#define TCR_T0SZ		(16 << 0)
#define TCR_IRGN0_WBWA		(1 << 8)
#define TCR_ORGN0_WBWA		(1 << 10)
#define TCR_SH0_INNER		(3 << 12)
#define TCR_TG0_4K		(0 << 14)
#define TCR_T1SZ		(16 << 16)
#define TCR_IRGN1_WBWA		(1 << 24)
#define TCR_ORGN1_WBWA		(1 << 26)
#define TCR_SH1_INNER		(3 << 28)
#define TCR_TG1_4K		(2 << 30)
#define TCR_EPD0		(1 << 7)
#define TCR_IPS_SHIFT		32
#define TCR_HA			(_UL(1) << 39)	/* MMU sets AF (FEAT_HAFDBS) */
#define TCR_HD			(_UL(1) << 40)	/* MMU clears AP[2] if DBM */
/* Top byte ignored for user addresses, as Linux sets it: user code may
 * keep a tag in bits 63:56 of a pointer (the kernel takes no tagged
 * pointer in a system call: access_ok() rejects it). */
#define TCR_TBI0		(_UL(1) << 37)
#define TCR_EL1_VALUE		(TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | \
				 TCR_SH0_INNER | TCR_TG0_4K | TCR_T1SZ | \
				 TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | \
				 TCR_SH1_INNER | TCR_TG1_4K | TCR_TBI0)

/* SCTLR_EL1: the RES1 bits of ARMv8.0, then what we turn on. */
#define SCTLR_EL1_RES1		((1 << 11) | (1 << 20) | (1 << 22) | \
				 (1 << 23) | (1 << 28) | (1 << 29))
#define SCTLR_M			(1 << 0)
#define SCTLR_C			(1 << 2)
#define SCTLR_SA		(1 << 3)
#define SCTLR_SA0		(1 << 4)
#define SCTLR_I			(1 << 12)
/* What EL0 may do without trapping, as Linux allows it: DC ZVA (memset
 * in libc), reading CTR_EL0, DC CVAU/IC IVAU (JITs), WFE (spin loops). */
#define SCTLR_DZE		(1 << 14)
#define SCTLR_UCT		(1 << 15)
#define SCTLR_NTWE		(1 << 18)
#define SCTLR_UCI		(1 << 26)
/* With FEAT_PAN, bit 23 is SPAN: 0 makes every exception to EL1 set
 * PSTATE.PAN (without the feature it is RES1, as above). */
#define SCTLR_SPAN		(1 << 23)
#define SCTLR_EL1_MMU_ON	(SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | \
				 SCTLR_SA | SCTLR_SA0 | SCTLR_I | \
				 SCTLR_DZE | SCTLR_UCT | SCTLR_NTWE | \
				 SCTLR_UCI)

/* ID_AA64MMFR1_EL1.PAN: nonzero when the CPU has Privileged Access Never. */
#define ID_AA64MMFR1_PAN_SHIFT	20
/* PSTATE.PAN as the PAN system register (S3_0_C4_C2_3) and SPSR hold it:
 * set, EL1 loads and stores to EL0-accessible pages fault. The generic
 * register name assembles without asking for ARMv8.1. */
#define PSTATE_PAN		(1 << 22)
#define SYS_PAN			s3_0_c4_c2_3

/* EL2 setup for dropping to EL1. */
#define HCR_EL2_RW		(1 << 31)	/* EL1 runs AArch64 */
#define CNTHCTL_EL1PCTEN	(1 << 0)	/* EL1 may read CNTPCT */
#define CNTHCTL_EL1PCEN		(1 << 1)	/* EL1 may use CNTP_* */
#define CPTR_EL2_RES1		0x33ff		/* and TFP = 0: no FP traps */
#define SPSR_EL1H_MASKED	0x3c5		/* EL1h, D A I F all masked */
/* ID_AA64PFR0_EL1.GIC: nonzero when a GICv3 CPU interface is there; EL2
 * must then let EL1 use its system registers (ICC_SRE_EL2). */
#define ID_AA64PFR0_GIC_SHIFT	24
#define ICC_SRE_EL2		s3_4_c12_c9_5
#define ICC_SRE_EL2_SRE		(1 << 0)
#define ICC_SRE_EL2_ENABLE	(1 << 3)	/* EL1 may set ICC_SRE_EL1.SRE */
#define ICH_HCR_EL2		s3_4_c12_c11_0

/* CNTKCTL_EL1: EL0 may read CNTVCT_EL0 and CNTFRQ_EL0, as on Linux. */
#define CNTKCTL_EL0VCTEN	(1 << 1)

/* CNTV_CTL_EL0 */
#define CNT_CTL_ENABLE		(1 << 0)
#define CNT_CTL_IMASK		(1 << 1)

#ifndef __ASSEMBLY__
#define read_sysreg(r) ({						\
	u64 __val;							\
	__asm__ __volatile__("mrs %0, " #r : "=r"(__val));		\
	__val;								\
})
#define write_sysreg(v, r)						\
	__asm__ __volatile__("msr " #r ", %x0" : : "rZ"((u64)(v)) : "memory")

#define isb()		__asm__ __volatile__("isb" : : : "memory")
#define dsb(opt)	__asm__ __volatile__("dsb " #opt : : : "memory")
#define dmb(opt)	__asm__ __volatile__("dmb " #opt : : : "memory")
#endif

#endif
