/* Force-included into kernel sources built on the host: gives our freestanding
 * routines their own names so they never collide with the C library's. */
#define memset fl_memset
#define memcpy fl_memcpy
#define memmove fl_memmove
#define memcmp fl_memcmp
#define strlen fl_strlen
#define strnlen fl_strnlen
#define strcmp fl_strcmp
#define strncmp fl_strncmp
#define strchr fl_strchr
#define strlcpy fl_strlcpy
#define strtoul fl_strtoul
#define vsnprintf fl_vsnprintf
#define snprintf fl_snprintf
#define printk fl_printk
#define vprintk fl_vprintk
#define panic fl_panic
