using System;
using System.Collections.Generic;
using System.IO;

namespace Cdss.Sessions
{
    /// <summary>
    /// The ncloud CLI's INI file (~/.ncloud/configure). Unlike the SDK readers, which ignore sections and let
    /// the last key win, this keeps each [profile] separate.
    /// </summary>
    internal sealed class NcloudConfigFile
    {
        public const string DefaultProfile = "DEFAULT";
        public const string AccessKeyName = "ncloud_access_key_id";
        public const string SecretKeyName = "ncloud_secret_access_key";
        public const string ApiUrlName = "ncloud_api_url";

        private readonly Dictionary<string, Dictionary<string, string>> _sections =
            new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);

        private NcloudConfigFile(string path) => Path = path;

        public string Path { get; }
        public IEnumerable<string> Profiles => _sections.Keys;

        public static string DefaultPath(string? homeDirectory = null)
        {
            var home = homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return System.IO.Path.Combine(home, ".ncloud", "configure");
        }

        public static NcloudConfigFile Load(string path) => Parse(File.ReadAllLines(path), path);

        public static NcloudConfigFile Parse(IEnumerable<string> lines, string path)
        {
            var file = new NcloudConfigFile(path);
            // Keys before any header belong to DEFAULT, as in files written for the section-blind SDK readers.
            var current = file.Section(DefaultProfile);
            var number = 0;
            foreach (var raw in lines)
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[')
                {
                    if (line[line.Length - 1] != ']' || line.Length < 3)
                    {
                        throw Invalid(path, number, "a section header must look like [name]");
                    }
                    current = file.Section(line.Substring(1, line.Length - 2).Trim());
                    continue;
                }
                var separator = line.IndexOfAny(new[] { '=', ':' });
                if (separator <= 0)
                {
                    throw Invalid(path, number, "expected 'key = value' or '[section]'");
                }
                current[line.Substring(0, separator).Trim()] = line.Substring(separator + 1).Trim();
            }
            return file;
        }

        public bool HasProfile(string profile) => _sections.ContainsKey(profile);

        public string? Get(string profile, string key) =>
            _sections.TryGetValue(profile, out var section) && section.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        private Dictionary<string, string> Section(string name)
        {
            if (!_sections.TryGetValue(name, out var section))
            {
                section = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                _sections[name] = section;
            }
            return section;
        }

        // The offending line is not quoted: it may hold a secret key.
        private static CdssException Invalid(string path, int line, string problem) =>
            new CdssException(CdssErrorIds.InvalidConfig, CdssErrorCategory.InvalidData,
                $"The ncloud configure file '{path}' cannot be read: line {line}: {problem}.",
                $"Fix line {line} of '{path}' (format: [profile] headers and key = value lines), or pass -ConfigPath with another file.");
    }
}
