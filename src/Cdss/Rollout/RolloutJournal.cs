using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Cdss.Rollout
{
    /// <summary>
    /// The append-only JSON-lines record of a rollout (-JournalPath): one line per state change, each flushed to
    /// disk before the call it announces is made, so a run killed at any moment (kill -9) can be resumed without
    /// requesting anything twice. The file is held exclusively while a run uses it.
    /// </summary>
    internal sealed class RolloutJournal : IRolloutJournal, IDisposable
    {
        private readonly FileStream _file;
        private readonly object _gate = new object();

        private RolloutJournal(string path, FileStream file, IReadOnlyList<JournalEntry> earlier)
        {
            Path = path;
            _file = file;
            Earlier = earlier;
        }

        public string Path { get; }

        /// <summary>What earlier runs wrote, oldest first.</summary>
        public IReadOnlyList<JournalEntry> Earlier { get; }

        /// <summary>
        /// Opens the journal for this run, creating it (and its folder) unless <paramref name="mustExist"/>:
        /// CdssJournalInUse when another process has it, CdssJournalNotWritable when it cannot be written,
        /// CdssInvalidJournal when it is not a journal (or, with mustExist, is not there).
        /// </summary>
        public static RolloutJournal Open(string path, bool mustExist = false)
        {
            var full = System.IO.Path.GetFullPath(path);
            if (mustExist && !File.Exists(full))
            {
                throw new CdssException(CdssErrorIds.InvalidJournal, CdssErrorCategory.ObjectNotFound,
                    $"There is no journal at '{full}'",
                    "Give the -JournalPath the rollout was run with.");
            }
            FileStream file;
            try
            {
                var directory = System.IO.Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                // Exclusive: on Unix .NET takes an exclusive flock only for FileShare.None, and a second writer must fail.
                file = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (File.Exists(full) && !(ex is PathTooLongException))
            {
                throw new CdssException(CdssErrorIds.JournalInUse, CdssErrorCategory.ResourceUnavailable,
                    $"The journal '{full}' is in use by another process, so nothing was done",
                    "Another rollout (or Resolve-CdssRollout) is using this journal; wait for it to finish, or stop it, then run again.", ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException ||
                                       ex is System.Security.SecurityException)
            {
                throw new CdssException(CdssErrorIds.JournalNotWritable, CdssErrorCategory.PermissionDenied,
                    $"The journal '{full}' cannot be opened for writing ({ex.Message.TrimEnd('.')}), so nothing was done",
                    "Give a -JournalPath in a folder this account can write, on storage that outlives the job.", ex);
            }
            try
            {
                var earlier = Read(file, full);
                file.Seek(0, SeekOrigin.End);
                return new RolloutJournal(full, file, earlier);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>Appends one line and forces it to disk before returning.</summary>
        public void Append(JournalEntry entry)
        {
            var bytes = Encoding.UTF8.GetBytes(entry.ToJson() + "\n");
            lock (_gate)
            {
                _file.Write(bytes, 0, bytes.Length);
                _file.Flush(flushToDisk: true);
            }
        }

        private static List<JournalEntry> Read(FileStream file, string path)
        {
            var entries = new List<JournalEntry>();
            file.Seek(0, SeekOrigin.Begin);
            string text;
            using (var reader = new StreamReader(file, new UTF8Encoding(false), false, 4096, leaveOpen: true)) text = reader.ReadToEnd();
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0) continue;
                var entry = JournalEntry.TryParse(line);
                if (entry != null)
                {
                    entries.Add(entry);
                    continue;
                }
                // A kill during a write can leave the last line cut short; it announced nothing that was sent.
                if (i >= lines.Length - 2 && !text.EndsWith("\n", StringComparison.Ordinal)) break;
                throw new CdssException(CdssErrorIds.InvalidJournal, CdssErrorCategory.InvalidData,
                    $"Line {i + 1} of the journal '{path}' is not a journal entry",
                    "Use the journal file only for this module's rollouts; move a damaged one aside and check each cluster with Get-CdssRollingRestartProgress.");
            }
            if (text.Length > 0 && !text.EndsWith("\n", StringComparison.Ordinal))
            {
                // Start the next line cleanly after a cut-short one.
                var newline = Encoding.UTF8.GetBytes("\n");
                file.Seek(0, SeekOrigin.End);
                file.Write(newline, 0, newline.Length);
                file.Flush(flushToDisk: true);
            }
            return entries;
        }

        public void Dispose() => _file.Dispose();
    }
}
