using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Cdss.Commands
{
    /// <summary>
    /// The default session of each runspace. Keyed by the runspace object, so a thread job, a
    /// ForEach-Object -Parallel block or another host in the same process never picks up this one's
    /// credentials, and a closed runspace's entry goes away with it.
    /// </summary>
    internal static class DefaultSessionStore
    {
        private sealed class Holder
        {
            public Session? Session;
        }

        private static readonly ConditionalWeakTable<Runspace, Holder> Sessions = new ConditionalWeakTable<Runspace, Holder>();

        public static Session? Get()
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null || !Sessions.TryGetValue(runspace, out var holder)) return null;
            var session = holder.Session;
            return session != null && session.IsConnected ? session : null;
        }

        public static void Set(Session? session)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null) return;
            Sessions.GetOrCreateValue(runspace).Session = session;
        }

        public static bool IsDefault(Session session) => ReferenceEquals(Get(), session);
    }
}
