#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdlib.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects C mutable globals (stdscr, LINES, COLS, COLORS) as shared
   state and cannot import function-like macros (COLOR_PAIR, A_BOLD, ...):
   these wrappers expose them as plain functions. Only the UI thread calls them. */

static inline void cnc_setlocale_from_env(void) { setlocale(LC_ALL, ""); }
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }
static inline int cnc_key_resize(void) { return KEY_RESIZE; }
static inline int cnc_key_btab(void) { return KEY_BTAB; }
static inline int cnc_err(void) { return ERR; }
static inline unsigned int cnc_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int cnc_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int cnc_a_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int cnc_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int cnc_color_pair(int n) { return (unsigned int)COLOR_PAIR(n); }

static inline void cnc_getmaxyx(int *y, int *x) { int yy, xx; getmaxyx(stdscr, yy, xx); *y = yy; *x = xx; }

/* Initialise the screen for the monitor: raw-ish input, no echo, keypad, hidden cursor. */
/* newterm, unlike initscr, returns NULL instead of exiting when TERM has no terminfo entry. */
static inline int cnc_start(void) {
    SCREEN *s = newterm(NULL, stdout, stdin);
    if (s == NULL) return ERR;
    set_term(s);
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    nonl();
    curs_set(0);
    set_escdelay(25);
    return OK;
}

static inline void cnc_timeout(int ms) { wtimeout(stdscr, ms); }
static inline int cnc_getch(void) { return wgetch(stdscr); }

/* Put one character with attributes and an (extended) colour pair at y, x. */
static inline int cnc_put(int y, int x, unsigned int ch, unsigned int attrs, int pair) {
    cchar_t cc;
    wchar_t wc[2];
    wc[0] = (wchar_t)ch;
    wc[1] = L'\0';
    int p = pair;
    if (setcchar(&cc, wc, (attr_t)attrs, 0, &p) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

static inline int cnc_refresh(void) { return wrefresh(stdscr); }
static inline int cnc_clear(void) { return wclear(stdscr); }
static inline int cnc_isendwin(void) { return isendwin() ? 1 : 0; }

#endif
