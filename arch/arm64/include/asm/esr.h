/* ESR_EL1, the exception syndrome: the exception class (why we trapped)
 * and, for aborts, the fields the fault front end decodes. */
#ifndef ASM_ARM64_ESR_H
#define ASM_ARM64_ESR_H

#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)

#define EC_UNKNOWN	0x00
#define EC_WFX		0x01
#define EC_FP_ASIMD	0x07
#define EC_ILLEGAL	0x0e
#define EC_SVC64	0x15
#define EC_SYSREG	0x18
#define EC_IABT_LOW	0x20	/* instruction abort from EL0 */
#define EC_IABT_CUR	0x21	/* instruction abort from EL1 */
#define EC_PC_ALIGN	0x22
#define EC_DABT_LOW	0x24	/* data abort from EL0 */
#define EC_DABT_CUR	0x25	/* data abort from EL1 */
#define EC_SP_ALIGN	0x26
#define EC_SERROR	0x2f
#define EC_BRK64	0x3c

/* Abort ISS */
#define ESR_FSC(esr)	((esr) & 0x3f)	/* DFSC / IFSC */
#define ESR_WNR		(1 << 6)	/* data abort caused by a write */
#define ESR_CM		(1 << 8)	/* ... by cache maintenance (WnR=1 too) */
#define ESR_FNV		(1 << 10)	/* FAR not valid */

/* Fault status codes; the low two bits of these four are the level. */
#define FSC_ADDR_SIZE	0x00
#define FSC_TRANSLATION	0x04
#define FSC_ACCESS_FLAG	0x08
#define FSC_PERMISSION	0x0c

#endif
