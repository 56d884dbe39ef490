namespace Cdss.Api
{
    /// <summary>Whether a listing goes on after a page, and if not, why (<see cref="Paging.End{T}"/>).</summary>
    internal enum PageEnd
    {
        /// <summary>Another page follows.</summary>
        None,

        /// <summary>The service said so: isLast, the last of totalPage, or an empty page.</summary>
        Last,

        /// <summary>The service answered another page than the one asked for: it ignores pageNo.</summary>
        NotThePageAskedFor,

        /// <summary>Every item of the page was on an earlier one: the service repeats itself.</summary>
        OnlyRepeats,

        /// <summary>More pages than any account has, and the service never said which was the last.</summary>
        MaxPages,
    }
}
