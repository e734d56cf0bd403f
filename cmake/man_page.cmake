# Writes the man page samsvar(1) from the executable's own --version and
# --help output (the program's and each command's), so the page cannot drift
# from the binary.
#   cmake -DSAMSVAR=<executable> -DOUTPUT=<file> -P man_page.cmake
# CLI11's help is read by its layout: "Name:" on a line of its own starts a
# section; "  term   description" is an item (description lines that follow
# are indented further); any other line is text.
cmake_minimum_required(VERSION 3.20)

function(run_samsvar out)
  execute_process(COMMAND ${SAMSVAR} ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE code ENCODING UTF-8)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "man page: `samsvar ${ARGN}` exited with ${code}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Text as roff: backslashes and minus signs escaped, and a line kept from
# being read as a request when it starts with a period or a quote.
function(roff_escape out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  if(text MATCHES "^[.']")
    string(PREPEND text "\\&")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The lines of `text` as a CMake list; characters that CMake lists give a
# meaning (; [ ]) are stood in for until restore().
function(split_lines out text)
  string(REPLACE ";" "@SEMICOLON@" text "${text}")
  string(REPLACE "[" "@LBRACKET@" text "${text}")
  string(REPLACE "]" "@RBRACKET@" text "${text}")
  string(REGEX REPLACE "\n+$" "" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
function(restore out text)
  string(REPLACE "@SEMICOLON@" ";" text "${text}")
  string(REPLACE "@LBRACKET@" "[" text "${text}")
  string(REPLACE "@RBRACKET@" "]" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# One help text as roff; its usage line is returned apart, for the synopsis.
function(help_to_roff out usage_out text)
  split_lines(lines "${text}")
  set(roff "")
  set(usage "")
  set(paragraph FALSE)  # inside running text: a further line continues it
  foreach(line IN LISTS lines)
    restore(line "${line}")
    if(line MATCHES "^Usage: (.*)$")
      set(usage "${CMAKE_MATCH_1}")
      set(paragraph FALSE)
    elseif(line STREQUAL "")
      set(paragraph FALSE)
    elseif(line MATCHES "^([^ ].*):$")
      roff_escape(heading "${CMAKE_MATCH_1}")
      string(APPEND roff ".SS \"${heading}\"\n")
      set(paragraph FALSE)
    elseif(line MATCHES "^  ([^ ]+( [^ ]+)*)(  +([^ ].*))?$")
      set(description "${CMAKE_MATCH_4}")
      roff_escape(term "${CMAKE_MATCH_1}")
      string(APPEND roff ".TP\n\\fB${term}\\fR\n")
      if(NOT description STREQUAL "")
        roff_escape(description "${description}")
        string(APPEND roff "${description}\n")
      endif()
      set(paragraph FALSE)
    elseif(line MATCHES "^   +([^ ].*)$")
      roff_escape(description "${CMAKE_MATCH_1}")
      string(APPEND roff "${description}\n")
    else()
      if(NOT paragraph)
        string(APPEND roff ".PP\n")
        set(paragraph TRUE)
      endif()
      roff_escape(line "${line}")
      string(APPEND roff "${line}\n")
    endif()
  endforeach()
  set(${out} "${roff}" PARENT_SCOPE)
  set(${usage_out} "${usage}" PARENT_SCOPE)
endfunction()

# One synopsis line: the command in bold, its arguments as they are.
function(synopsis_line out usage)
  if(NOT usage MATCHES "^(samsvar( [a-z]+)?)( (.*))?$")
    message(FATAL_ERROR "man page: unexpected usage line `${usage}`")
  endif()
  roff_escape(arguments "${CMAKE_MATCH_4}")
  set(${out} ".B ${CMAKE_MATCH_1}\n${arguments}\n.br\n" PARENT_SCOPE)
endfunction()

run_samsvar(version --version)
run_samsvar(help --help)
# The first lines: "samsvar <version>" and "samsvar — <what it does>".
if(NOT version MATCHES "^samsvar ([^\n]+)")
  message(FATAL_ERROR "man page: unexpected --version output")
endif()
set(number "${CMAKE_MATCH_1}")
if(NOT help MATCHES "^samsvar — ([^\n]+)\n(.*)$")
  message(FATAL_ERROR "man page: unexpected --help output")
endif()
roff_escape(summary "${CMAKE_MATCH_1}")
help_to_roff(description usage "${CMAKE_MATCH_2}")
synopsis_line(synopsis "${usage}")
string(APPEND synopsis ".B samsvar \\-\\-version\n.br\n")

# The commands, as listed in their section of the help.
string(REGEX MATCH "\nSubcommands:\n(  [^\n]*\n)*" listed "${help}")
string(REGEX MATCHALL "\n  [a-z]+ " commands "${listed}")
set(sections "")
foreach(command IN LISTS commands)
  string(STRIP "${command}" command)
  run_samsvar(command_help ${command} --help)
  help_to_roff(body usage "${command_help}")
  synopsis_line(line "${usage}")
  string(APPEND synopsis "${line}")
  string(TOUPPER "${command}" upper)
  string(APPEND sections ".SH \"SAMSVAR ${upper}\"\n${body}")
endforeach()

split_lines(version_lines "${version}")
string(REPLACE ";" "\n.br\n" version_roff "${version_lines}")
restore(version_roff "${version_roff}")

file(WRITE "${OUTPUT}" ".\\\" Generated from `samsvar --help` by cmake/man_page.cmake: do not edit.
.TH SAMSVAR 1 \"\" \"samsvar ${number}\" \"User Commands\"
.SH NAME
samsvar \\- ${summary}
.SH SYNOPSIS
${synopsis}.SH DESCRIPTION
${description}${sections}.SH VERSION
${version_roff}
")
