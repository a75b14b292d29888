// Where the program finds its data (shaders/, assets/).
//
// Order: $STRETCHVIZ_DATA_DIR, the directory the build was configured from (so a build tree
// runs in place), then <exe>/../share/stretchviz. The first that holds shaders/ wins.
#pragma once

#include <filesystem>
#include <string_view>

namespace sv {

std::filesystem::path dataDir();
// Overrides the search (tests point it at a scratch directory to exercise missing files).
void setDataDir(std::filesystem::path dir);

// The user's pictures folder (XDG user directories): XDG_PICTURES_DIR from the environment or
// from $XDG_CONFIG_HOME/user-dirs.dirs (else ~/.config/user-dirs.dirs; "$HOME/…" expanded;
// relative paths ignored), else ~/Pictures. Empty when there is no home either.
std::filesystem::path userPicturesDir();

// The folder for the user's own data (clients, routines): $XDG_DATA_HOME/stretchviz when
// XDG_DATA_HOME is set to an absolute path, else $HOME/.local/share/stretchviz. The XDG Base
// Directory Specification calls a relative path in these variables invalid, to be ignored,
// so "XDG_DATA_HOME=data" never makes the program write into the current folder. Empty when
// neither variable is usable (the caller then has nowhere to store anything).
std::filesystem::path userDataDir();

// The user's documents and videos folders (where exports go by default), as the XDG user
// directories name them: XDG_DOCUMENTS_DIR / XDG_VIDEOS_DIR in
// $XDG_CONFIG_HOME/user-dirs.dirs (else ~/.config/user-dirs.dirs), when that folder exists;
// else $HOME; else the current folder. Never created here.
enum class UserFolder { Documents, Videos };
std::filesystem::path userFolder(UserFolder folder);
// The value of `key` in user-dirs.dirs text (`KEY="$HOME/Documents"` lines, '#' comments):
// "$HOME" expanded to `home`, backslash escapes removed; empty when absent, not absolute, or
// naming $HOME itself (the spec's way to disable a folder).
std::filesystem::path parseUserDirs(std::string_view text, std::string_view key,
                                    const std::filesystem::path& home);

}  // namespace sv
