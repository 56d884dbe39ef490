using System;

namespace Cdss.Commands
{
    /// <summary>The result of one queued call: a value or the exception it ended with, for the input it belongs to.</summary>
    internal sealed class QueuedResult<T>
    {
        internal QueuedResult(object? input, T? value, Exception? error)
        {
            Input = input;
            Value = value;
            Error = error;
        }

        public object? Input { get; }
        public T? Value { get; }
        public Exception? Error { get; }
    }
}
