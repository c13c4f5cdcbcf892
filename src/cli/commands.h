/* One entry point per subcommand; each is defined in its own cmd_<name>.c. */
#ifndef CL_COMMANDS_H
#define CL_COMMANDS_H

int cmd_help(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_food(int argc, char **argv);
int cmd_dri(int argc, char **argv);
int cmd_lab(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_intake(int argc, char **argv);
int cmd_assess(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_med(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_history(int argc, char **argv);

#endif
